// Test doubles for the host's edges.
import type { HallClient } from '../../host/hall-client/hall-client';
import type { InsuranceSummary, OpenSessionRequest, OpenSessionResponse } from '../../contracts';
import { KioskError, maskIdNumber, parseECardCode } from '../../contracts';

/** A hall server double that records calls and can be held or failed. */
export class FakeHall implements Pick<HallClient, 'openSession' | 'closeSession' | 'summary'> {
  opened: OpenSessionRequest[] = [];
  closed: string[] = [];
  failWith: KioskError | null = null;
  private hold: Promise<void> | null = null;
  private releaseHold: (() => void) | null = null;
  private counter = 0;

  holdOpen(): void {
    this.hold = new Promise((resolve) => (this.releaseHold = resolve));
  }
  release(): void {
    this.releaseHold?.();
    this.hold = null;
  }

  async openSession(body: OpenSessionRequest): Promise<OpenSessionResponse> {
    this.opened.push(body);
    if (this.hold) await this.hold;
    if (this.failWith) throw this.failWith;
    this.counter++;
    const holder = body.identifiedBy === 'eSsCard' ? parseECardCode(body.code)?.payload : body;
    if (!holder) throw new KioskError('cardInvalid');
    return {
      sessionId: `00000000-0000-4000-8000-${String(this.counter).padStart(12, '0')}`,
      person: { name: holder.name, maskedIdNumber: maskIdNumber(holder.idNumber), sex: 'male', isRetiree: false },
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
    };
  }
  async closeSession(sessionId: string): Promise<void> {
    this.closed.push(sessionId);
  }
  async summary(): Promise<InsuranceSummary> {
    if (this.failWith) throw this.failWith;
    return { enrollments: [], pensionPaidMonths: 0, pensionAccount: null, medicalAccount: null, monthlyPension: null };
  }
}

/** A valid synthetic ID number (check digit computed by GB 11643). */
export const ZHANG = { name: '张建国', idNumber: '110101196803150016' };
export const LI = { name: '李秀英', idNumber: '110101195506200027' };
