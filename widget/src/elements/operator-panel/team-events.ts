/** Events of the Team view and the notices, handled by <operator-panel>. They bubble and cross shadow roots. */

/** Where to go: a channel or direct chat in the Team view, or a visitor's chat. */
export type TeamTarget = { channelId: number } | { conversationId: number };

/** The operator chose a notice (or its browser notification): the panel opens what it is about. */
export class ChatTeamOpenEvent extends CustomEvent<TeamTarget> {
  static readonly type = 'chat-team-open';
  constructor(target: TeamTarget) {
    super(ChatTeamOpenEvent.type, { detail: target, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'chat-team-open': ChatTeamOpenEvent;
  }
}
