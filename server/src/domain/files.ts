/**
 * Uploaded files, the pure part: what each purpose accepts, the type read from the bytes
 * themselves (never from the name or the Content-Type a client claims), and the headers' text.
 */

export type FileType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'application/pdf';
export type FilePurpose = 'automatic' | 'attachment';

const MB = 1024 * 1024;

export interface PurposeRules {
  types: readonly FileType[];
  maxBytes: number;
  wrongType: string;
  tooLarge: string;
}

export const PURPOSES: Record<FilePurpose, PurposeRules> = {
  /** Images in automatic messages, set by the admin. */
  automatic: {
    types: ['image/png', 'image/jpeg'],
    maxBytes: 2 * MB,
    wrongType: 'Only JPG or PNG images can be used here',
    tooLarge: 'The file is larger than 2 MB',
  },
  /** Files sent in a chat. */
  attachment: {
    types: ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'],
    maxBytes: 10 * MB,
    wrongType: 'Only images (JPG, PNG, GIF, WEBP) or PDF files can be sent',
    tooLarge: 'The file is larger than 10 MB',
  },
};

export function purposeOf(value: string | null): FilePurpose | null {
  return value === 'automatic' || value === 'attachment' ? value : null;
}

/** A stored file's key: random, url-safe, and never a path. */
export const FILE_KEY = /^[A-Za-z0-9_-]{8,64}$/;

export const FILE_NAME_MAX = 200;

const EXTENSION: Record<FileType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

/** Each type's signature: bytes expected at given offsets. */
const SIGNATURES: Array<{ type: FileType; parts: Array<[at: number, bytes: number[]]> }> = [
  { type: 'image/png', parts: [[0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]]] },
  { type: 'image/jpeg', parts: [[0, [0xff, 0xd8, 0xff]]] },
  { type: 'image/gif', parts: [[0, ascii('GIF87a')]] },
  { type: 'image/gif', parts: [[0, ascii('GIF89a')]] },
  { type: 'image/webp', parts: [[0, ascii('RIFF')], [8, ascii('WEBP')]] },
  { type: 'application/pdf', parts: [[0, ascii('%PDF-')]] },
];

/** The type of a file from its first bytes, or null when it is none of the known types. */
export function sniffType(bytes: Uint8Array): FileType | null {
  const found = SIGNATURES.find(({ parts }) => parts.every(([at, sig]) => sig.every((b, i) => bytes[at + i] === b)));
  return found?.type ?? null;
}

/**
 * The name shown for a file, from the URL-encoded `X-File-Name` header: decoded, without control
 * characters, trimmed, at most 200 characters. Display only: it never becomes a path.
 */
export function displayName(header: string | undefined, type: FileType): string {
  let name = header ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // Not valid percent-encoding: keep the text as it came.
  }
  name = Array.from(name.replace(/[\p{Cc}\p{Cf}]/gu, '').trim()).slice(0, FILE_NAME_MAX).join('').trim();
  return name || `file.${EXTENSION[type]}`;
}

/**
 * Images show inline; PDFs download, named in plain ASCII for old clients and in UTF-8 (RFC 6266)
 * for the rest.
 */
export function contentDisposition(type: string, name: string): string {
  if (type.startsWith('image/')) return 'inline';
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
