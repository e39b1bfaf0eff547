/** The flow map's own styles, served as a file (the console's CSP allows no inline styles). */
export const flowMapCss = `
.gl-flow-map { margin: 1rem 0; }
.gl-flow-map figcaption { font-weight: bold; margin-bottom: .5rem; }
.gl-svg { overflow: auto; max-width: 100%; border: 1px solid #d1d5db; background: #fff; padding: .5rem; }
.gl-svg svg { max-width: none; height: auto; }
.gl-svg a:focus { outline: 3px solid #1d4ed8; }
.gl-table { border-collapse: collapse; margin: .5rem 0 1rem; }
.gl-table th, .gl-table td { border: 1px solid #d1d5db; padding: .25rem .5rem; text-align: left; vertical-align: top; }
.gl-note { color: #374151; font-style: italic; }
.gl-details { border-left: 4px solid #1d4ed8; padding-left: 1rem; margin: 1rem 0; }
.gl-text { white-space: pre-wrap; max-width: 40rem; }
.gl-inline-form { margin: .5rem 0; }
`;
