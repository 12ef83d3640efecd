/** Which jobs the chips show: district, trade, and a salary band the job's range overlaps. Pure. */
import { salaryBands, type JobPosting, type SalaryBand } from '../../../../contracts';

export interface JobFilters {
  district: string | null;
  category: string | null;
  salaryBand: SalaryBand | null;
}

export function filterJobs(jobs: readonly JobPosting[], f: JobFilters): JobPosting[] {
  return jobs.filter((j) => {
    if (f.district && j.district !== f.district) return false;
    if (f.category && j.category !== f.category) return false;
    if (f.salaryBand) {
      const band = salaryBands[f.salaryBand];
      if (j.salaryMax < band.min) return false;
      if (band.max !== null && j.salaryMin >= band.max) return false;
    }
    return true;
  });
}
