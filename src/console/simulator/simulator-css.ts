/** The simulator's own styles, served as a file (the console's CSP allows no inline styles). */
export const simulatorCss = `
.gl-sim-settings { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: end; }
.gl-sim-settings fieldset { border: 1px solid #d1d5db; }
.gl-sim-settings label { margin-right: .5rem; }
.gl-sim-settings p { margin: 0; }
.gl-help { display: block; font-size: .875rem; color: #374151; }
.gl-sim-main { display: flex; flex-wrap: wrap; gap: 1.5rem; margin-top: 1rem; }
.gl-sim-chat { flex: 2 1 24rem; }
.gl-sim-state { flex: 1 1 16rem; }
#sim-log { border: 1px solid #9ca3af; height: 28rem; overflow-y: auto; padding: .5rem; background: #f9fafb; }
#sim-log:focus { outline: 3px solid #1d4ed8; }
.gl-msg { margin: .5rem 0; padding: .5rem .75rem; border-radius: .5rem; max-width: 34rem; white-space: pre-wrap; }
.gl-msg-bot { background: #ffffff; border: 1px solid #d1d5db; }
.gl-msg-you { background: #dbeafe; margin-left: auto; }
.gl-msg-who { display: block; font-size: .75rem; color: #374151; font-weight: bold; }
.gl-msg-buttons { display: flex; flex-direction: column; gap: .25rem; margin-top: .5rem; }
.gl-msg-buttons button { text-align: left; }
.gl-sim-send { display: flex; gap: .5rem; margin-top: .5rem; align-items: center; }
.gl-sim-send input { flex: 1; }
#sim-events li { font-family: monospace; font-size: .8rem; overflow-wrap: anywhere; }
#sim-vars dt { font-weight: bold; }
#sim-vars dd { margin: 0 0 .25rem 1rem; }
.gl-note { font-style: italic; color: #374151; }
`;
