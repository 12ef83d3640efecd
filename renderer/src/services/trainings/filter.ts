/** Which courses the chips show. Pure. */
import type { TrainingCourse } from '../../../../contracts';

export interface CourseFilters {
  district: string | null;
  category: string | null;
  freeOnly: boolean;
}

export function filterCourses(courses: readonly TrainingCourse[], f: CourseFilters): TrainingCourse[] {
  return courses.filter(
    (x) =>
      (!f.district || x.district === f.district) &&
      (!f.category || x.category === f.category) &&
      (!f.freeOnly || x.fee === 0),
  );
}
