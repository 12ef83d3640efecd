/** PostgreSQL enums whose values come from contracts/ so that one concept has one name. */
import { pgEnum } from 'drizzle-orm/pg-core';
import { enrollmentStatuses, insuranceTypes } from '../../../contracts/domain';

/** 险种. */
export const insuranceTypeEnum = pgEnum('insurance_type', insuranceTypes);
/** 参保状态. */
export const enrollmentStatusEnum = pgEnum('enrollment_status', enrollmentStatuses);
/** How a kiosk session was opened. */
export const identifiedByEnum = pgEnum('identified_by', ['idCard', 'ssCard', 'eSsCard']);
