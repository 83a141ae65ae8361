import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { NotFoundError, PayloadTooLargeError, ValidationError } from '../../domain/errors.js';
import { attachmentDisposition } from '../../documents/content-disposition.js';
import type { UploadedFile } from '../../documents/document-library.js';
import type { ForgeServices } from '../../forge.js';
import { validate } from '../request-body.js';

/** Room for multipart boundaries and part headers on top of the files themselves. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

const Role = z.enum(['input', 'output'], { error: 'role: use input or output' }).optional();

/**
 * Documents of projects and tasks: multipart upload (field "file", one or more), listing, download,
 * text and deletion. Mounted at /api, ahead of the API's general body limit: uploads have their own.
 */
export function documentRoutes(services: ForgeServices): Hono {
  const { documents } = services;
  const app = new Hono();

  const uploadLimit = bodyLimit({
    maxSize: documents.maxUploadBytes + MULTIPART_OVERHEAD_BYTES,
    onError: () => {
      throw new PayloadTooLargeError(
        `Upload is larger than ${documents.maxUploadBytes} bytes (FORGE_MAX_UPLOAD_BYTES); send the files one per request, or smaller ones.`,
      );
    },
  });

  app.post('/projects/:id/documents', uploadLimit, async (c) => {
    const files = filesIn(await readMultipart(c.req.raw));
    return c.json(await documents.addUploads({ scope: 'project', projectId: c.req.param('id') }, files), 201);
  });
  app.post('/tasks/:id/documents', uploadLimit, async (c) => {
    const files = filesIn(await readMultipart(c.req.raw));
    return c.json(await documents.addUploads({ scope: 'task', taskId: c.req.param('id') }, files), 201);
  });

  app.get('/projects/:id/documents', async (c) =>
    c.json(await documents.list({ scope: 'project', projectId: c.req.param('id') }, validate(Role, c.req.query('role'), 'role'))),
  );
  app.get('/tasks/:id/documents', async (c) =>
    c.json(await documents.list({ scope: 'task', taskId: c.req.param('id') }, validate(Role, c.req.query('role'), 'role'))),
  );

  app.get('/documents/:id', async (c) => c.json(await documents.get(c.req.param('id'))));

  app.get('/documents/:id/text', async (c) => c.text(await documents.text(c.req.param('id'))));

  app.get('/documents/:id/content', async (c) => {
    const document = await documents.get(c.req.param('id'));
    const path = documents.contentPath(document.id);
    const size = await stat(path).then(
      (s) => s.size,
      () => {
        throw new NotFoundError(`Document "${document.name}" has no stored content any more.`);
      },
    );
    return new Response(Readable.toWeb(createReadStream(path)) as ReadableStream, {
      headers: {
        'content-type': document.mediaType,
        'content-length': String(size),
        'content-disposition': attachmentDisposition(document.name.split('/').pop()!),
        // Uploaded HTML must never run as a page of this origin.
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
      },
    });
  });

  app.delete('/documents/:id', async (c) => {
    await documents.remove(c.req.param('id'));
    return c.body(null, 204);
  });

  return app;
}

async function readMultipart(request: Request): Promise<FormData> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    throw new ValidationError(`Send the files as multipart/form-data in the field "file" (got ${contentType || 'no content type'}).`);
  }
  try {
    return await request.formData();
  } catch (error) {
    throw new ValidationError(`The multipart body could not be read (${(error as Error).message}).`);
  }
}

function filesIn(form: FormData): UploadedFile[] {
  const files = form.getAll('file').filter((value) => typeof value !== 'string');
  if (files.length === 0) {
    const fields = [...new Set(form.keys())];
    const got = fields.length > 0 ? ` (got fields: ${fields.join(', ')})` : '';
    throw new ValidationError(`No file: send one or more files in the multipart field "file"${got}.`);
  }
  return files;
}
