/**
 * Sending a file to the chat server (`POST /files`), for the visitor's window and the operator
 * panel alike. The server checks every file again by its content.
 */
import { PURPOSES } from '../../../server/src/domain/files.js';
import type { ChatFile } from '../../../server/src/protocol/index.js';

/** What the server accepts in a chat (images and PDFs, up to 10 MB), from the server's own rules. */
const RULES = PURPOSES.attachment;
export const ATTACHMENT_TYPES: readonly string[] = RULES.types;
export const ATTACHMENT_MAX_BYTES = RULES.maxBytes;

export type UploadedFile = ChatFile & { key: string };

/** Why an upload failed: the server's status (0 without a reply) and its words. */
export class UploadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Sends a file's bytes to the chat server's `/files` endpoint, signed with `authorization`. */
export async function uploadFile(endpoint: string, authorization: string, file: File): Promise<UploadedFile> {
  let res: Response;
  try {
    res = await fetch(endpoint, {
      method: 'POST',
      headers: { Authorization: authorization, 'X-File-Name': encodeURIComponent(file.name) },
      body: file,
    });
  } catch {
    throw new UploadError(0, 'The file could not be sent: check the connection and try again');
  }
  const body = (await res.json().catch(() => ({}))) as Partial<UploadedFile> & { error?: string };
  if (!res.ok) throw new UploadError(res.status, body.error ?? `The file could not be sent (${res.status})`);
  return body as UploadedFile;
}

/** Checks a file before it is sent: 'size' over 10 MB, 'type' when it is not an image or a PDF. */
export function attachmentProblem(file: File): 'size' | 'type' | null {
  if (file.size > ATTACHMENT_MAX_BYTES) return 'size';
  return ATTACHMENT_TYPES.includes(file.type) ? null : 'type';
}

