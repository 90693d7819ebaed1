/** How the panel words a transcript's event line (joined, left, rated…), wherever it shows one. */
import type { ChatMessage } from '../../../../server/src/protocol/index.js';
import type { OperatorStrings } from '../../i18n/operator.js';

export function noticeText(t: OperatorStrings, m: ChatMessage): string {
  const rating = m.extras?.rating;
  switch (m.event) {
    case 'joined':
      return t.joined(m.authorName);
    case 'left':
      return t.left(m.authorName);
    case 'reopened':
      return t.reopened(m.authorName);
    case 'rating-requested':
      return t.ratingRequested(m.authorName);
    case 'rated':
      return rating ? `${t.rated(m.authorName, rating.value === 'good')}${rating.comment ? `: “${rating.comment}”` : ''}` : t.endedBy(m.authorName);
    default:
      return t.endedBy(m.authorName);
  }
}
