import type { SetAnswer } from '../../runtime';

/** The auto-saved, unvalidated answers of one step, as kept in draft_answers (or sealed). */
export interface StoredDraft {
  stepId: number;
  answers: SetAnswer[];
  savedAt: string;
}
