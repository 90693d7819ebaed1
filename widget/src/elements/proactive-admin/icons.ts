/** Line icons (24×24, stroked with currentColor), decorative: each is aria-hidden. */
import { svg } from 'lit';

const icon = (body: ReturnType<typeof svg>) => svg`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${body}</svg>`;

export const logoIcon = icon(svg`<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12Z"/>`);
export const plusIcon = icon(svg`<path d="M12 5v14M5 12h14"/>`);
export const dotsIcon = icon(svg`<circle cx="5" cy="12" r="1.3"/><circle cx="12" cy="12" r="1.3"/><circle cx="19" cy="12" r="1.3"/>`);
export const upIcon = icon(svg`<path d="m6 15 6-6 6 6"/>`);
export const downIcon = icon(svg`<path d="m6 9 6 6 6-6"/>`);
export const sortIcon = icon(svg`<path d="m8 9 4-4 4 4M8 15l4 4 4-4"/>`);
export const sortAscIcon = icon(svg`<path d="m7 14 5-5 5 5"/>`);
export const sortDescIcon = icon(svg`<path d="m7 10 5 5 5-5"/>`);
export const editIcon = icon(svg`<path d="M4 20h4L19 9l-4-4L4 16v4Z"/><path d="m13.5 6.5 4 4"/>`);
export const copyIcon = icon(svg`<rect x="8" y="8" width="12" height="12" rx="2"/><path d="M16 8V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h2"/>`);
export const playIcon = icon(svg`<path d="M7 5v14l11-7Z"/>`);
export const pauseIcon = icon(svg`<path d="M8 5v14M16 5v14"/>`);
export const trashIcon = icon(svg`<path d="M4 7h16M10 11v6M14 11v6M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12M9 7V4h6v3"/>`);
export const closeIcon = icon(svg`<path d="M6 6l12 12M18 6 6 18"/>`);
export const backIcon = icon(svg`<path d="M15 6l-6 6 6 6"/>`);
export const alertIcon = icon(svg`<circle cx="12" cy="12" r="9"/><path d="M12 7.5v5.5M12 16.5v.01"/>`);
export const lockIcon = icon(svg`<rect x="5" y="11" width="14" height="9" rx="2"/><path d="M8 11V8a4 4 0 0 1 8 0v3"/>`);
export const signOutIcon = icon(svg`<path d="M15 4h3a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-3"/><path d="M10 16l-4-4 4-4M6 12h10"/>`);
export const flaskIcon = icon(svg`<path d="M9 3h6M10 3v6L4.5 18.5A1.7 1.7 0 0 0 6 21h12a1.7 1.7 0 0 0 1.5-2.5L14 9V3"/><path d="M7 15h10"/>`);
export const checkIcon = icon(svg`<path d="m5 12 5 5 9-10"/>`);
export const megaphoneIcon = icon(svg`<path d="M4 10v4a1 1 0 0 0 1 1h2l6 4V5L7 9H5a1 1 0 0 0-1 1Z"/><path d="M17 9a4 4 0 0 1 0 6"/>`);
export const layersIcon = icon(svg`<path d="m12 3 9 5-9 5-9-5 9-5Z"/><path d="m3 13 9 5 9-5"/>`);
export const imageIcon = icon(svg`<rect x="3" y="4" width="18" height="16" rx="2"/><circle cx="9" cy="10" r="2"/><path d="m21 16-5-5-9 9"/>`);
export const linkIcon = icon(svg`<path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1"/><path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1"/>`);
export const refreshIcon = icon(svg`<path d="M20 11a8 8 0 0 0-14.6-4.5L4 8"/><path d="M4 4v4h4"/><path d="M4 13a8 8 0 0 0 14.6 4.5L20 16"/><path d="M20 20v-4h-4"/>`);
export const arrowRightIcon = icon(svg`<path d="M5 12h14M13 6l6 6-6 6"/>`);
