/** Content health's own styles, served as a file (the console's CSP allows no inline styles). */
export const contentHealthCss = `
.gl-table { border-collapse: collapse; margin: .5rem 0 1rem; }
.gl-table th, .gl-table td { border: 1px solid #d1d5db; padding: .25rem .5rem; text-align: left; vertical-align: top; }
.gl-bad { color: #991b1b; font-weight: bold; }
.gl-stale { background: #fef3c7; }
.gl-stale strong { color: #7c2d12; }
.gl-facts dt { font-weight: bold; }
.gl-facts dd { margin: 0 0 .5rem 1rem; }
.gl-problems code, .gl-table code { word-break: break-all; }
.gl-country { margin-bottom: 1.5rem; }
td.gl-where code { white-space: nowrap; word-break: normal; }
label.gl-check { flex-direction: row; align-items: center; gap: 6px; }
`;
