/** Issues face challenges: for a certification attempt or a face check of the session's person. */
import type { faceChallengeRoutes } from '../../../contracts/face-challenge';
import { KioskError } from '../../../contracts/errors';
import { audit } from '../../audit/audit';
import { certificationStatus } from '../../certification/status';
import { issueChallenge } from '../../face/challenges';
import { assertFaceSessionRules } from '../../face/session-rules';
import { useSession } from '../../sessions/use-session';
import type { RouteHandlers } from '../register';
import type { RouteOptions } from '../route-options';

export function faceChallengeHandlers({
  database: { db },
  sessionIdleMs,
  certification,
}: RouteOptions): RouteHandlers<typeof faceChallengeRoutes> {
  return {
    issueFaceChallenge: async ({ params, body }, { terminal }) => {
      const { personId } = await useSession(db, terminal.terminalId, params.sessionId, sessionIdleMs);
      const base = { actorKind: 'terminal' as const, actorId: terminal.terminalId, terminalId: terminal.terminalId };
      try {
        await assertFaceSessionRules(db, terminal.terminalId, params.sessionId, { ...certification, sessionIdleMs });
        if (body.purpose === 'certification') {
          const status = await certificationStatus(db, personId, { ...certification, timeZone: terminal.hallTimeZone });
          if (status.standing === 'notReceiving' || status.standing === 'certified')
            throw new KioskError('forbidden', 'nothing to certify this cycle');
          if (status.attemptsLeft <= 0) throw new KioskError('rateLimited', 'no face attempts left today');
        }
      } catch (error) {
        if (error instanceof KioskError)
          await audit(db, { ...base, action: 'face.challenge', result: error.code, subjectId: params.sessionId });
        throw error;
      }
      const challenge = await issueChallenge(db, terminal.terminalId, params.sessionId, personId, {
        purpose: body.purpose,
        challengeLength: certification.challengeLength,
        actionTimeoutMs: certification.actionTimeoutMs,
        lifetimeMs: certification.challengeLifetimeMs,
        fixedActions: certification.fixedActions,
      });
      await audit(db, { ...base, action: 'face.challenge', result: 'ok', subjectId: challenge.challengeId });
      return challenge;
    },
  };
}
