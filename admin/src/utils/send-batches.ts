import type { SendResult } from '../../../shared';

/** Addresses per request: small enough for the progress bar to move, large enough to stay quick. */
const BATCH_SIZE = 20;

export type SendOutcome = Pick<SendResult, 'sent' | 'failed'>;

/**
 * Sends the addresses a batch at a time, reporting how many are done after each. A batch refused
 * as a whole (the link expired meanwhile, the connection dropped) stops the sending: its
 * addresses and the ones after it are reported failed with that reason, and nothing more is sent.
 */
export const sendInBatches = async (
  recipients: string[],
  sendBatch: (emails: string[]) => Promise<SendOutcome>,
  onProgress: (done: number) => void,
  reasonOf: (error: unknown) => string
): Promise<SendOutcome> => {
  const outcome: SendOutcome = { sent: [], failed: [] };
  for (let start = 0; start < recipients.length; start += BATCH_SIZE) {
    const batch = recipients.slice(start, start + BATCH_SIZE);
    try {
      const { sent, failed } = await sendBatch(batch);
      outcome.sent.push(...sent);
      outcome.failed.push(...failed);
    } catch (error) {
      const reason = reasonOf(error);
      outcome.failed.push(...recipients.slice(start).map((email) => ({ email, error: reason })));
      break;
    }
    onProgress(start + batch.length);
  }
  return outcome;
};
