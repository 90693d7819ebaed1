/** <operator-panel>: the operator's workspace, a bundle of its own (dist/operator-panel.js). */
import { OperatorPanel } from './elements/operator-panel/operator-panel.js';

export { OperatorPanel };
export { OperatorSession } from './client/operator-session.js';

if (!customElements.get('operator-panel')) customElements.define('operator-panel', OperatorPanel);

declare global {
  interface HTMLElementTagNameMap {
    'operator-panel': OperatorPanel;
  }
}
