import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

import { ERROR_SCHEMA } from '../scim/schema/schema-urns.js';

const DETAILS: Readonly<Record<number, string>> = {
  400: 'The request is not well-formed HTTP/1.1. Check what the client sends.',
  408: 'The request headers did not arrive in time. Send them again.',
  431:
    'The request headers are larger than Ferry accepts (16 KB in all). ' +
    'Send fewer or shorter headers.',
};

/**
 * Requests Node's HTTP parser turns away before any middleware runs (huge
 * headers, malformed HTTP) are answered with an RFC 7644 §3.12 error body
 * too, rather than Node's bare status line. There is no request object at
 * that point, so the response is written to the socket as is, then closed.
 */
export function answerClientErrorsAsScim(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = statusOf(error.code);
    const body = JSON.stringify({
      schemas: [ERROR_SCHEMA],
      status: String(status),
      detail: DETAILS[status],
    });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
        'Content-Type: application/scim+json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}

function statusOf(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}
