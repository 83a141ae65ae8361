import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ENGINES } from '../support/databases.js';
import { startTestForge, type TestForge } from '../support/forge-harness.js';
import { extractedText, fixture, minimalPdf, settled, upload } from './document-fixtures.js';

const MAX_UPLOAD_BYTES = 64 * 1024;

for (const engine of ENGINES) {
  describe(`document upload and extraction (${engine})`, () => {
    let forge: TestForge;
    let projectId: string;
    before(async () => {
      forge = await startTestForge({ engine, config: { maxUploadBytes: MAX_UPLOAD_BYTES } });
      projectId = (await forge.createTask({ title: 'holder' })).projectId;
    });
    after(() => forge.close());

    test('a PDF and a Word file uploaded together answer 201 pending, then show their extracted text', async () => {
      const pdf = minimalPdf(['Quarterly revenue grew 12 percent.', 'Churn fell (slightly) to 3%.']);
      const created = await upload(forge, `/api/projects/${projectId}/documents`, [
        { name: 'q3-report.pdf', bytes: pdf, type: 'application/pdf' },
        { name: 'meeting-notes.docx', bytes: fixture('meeting-notes.docx') },
      ]);
      assert.equal(created.status, 201);
      assert.deepEqual(created.body.map((d: any) => d.name), ['q3-report.pdf', 'meeting-notes.docx']);
      for (const document of created.body) {
        assert.equal(document.status, 'pending');
        assert.equal(document.scope, 'project');
        assert.equal(document.role, 'input');
      }
      const [pdfDocument, docxDocument] = created.body;
      assert.equal(pdfDocument.sizeBytes, pdf.length);
      assert.equal(pdfDocument.sha256, createHash('sha256').update(pdf).digest('hex'));
      assert.equal(pdfDocument.mediaType, 'application/pdf');

      const readyPdf = await settled(forge, pdfDocument.id);
      assert.equal(readyPdf.status, 'ready', readyPdf.error);
      const pdfText = await extractedText(forge, pdfDocument.id);
      assert.match(pdfText, /Quarterly revenue grew 12 percent\./);
      assert.match(pdfText, /Churn fell \(slightly\) to 3%\./);
      assert.equal(readyPdf.textChars, pdfText.length);

      assert.equal((await settled(forge, docxDocument.id)).status, 'ready');
      const docxText = await extractedText(forge, docxDocument.id);
      assert.match(docxText, /Meeting notes: the launch moves to March\./);
      assert.match(docxText, /Owner: Dana Whitfield\./);

      const listed = await forge.api('GET', `/api/projects/${projectId}/documents`);
      assert.deepEqual(
        listed.body.filter((d: any) => [pdfDocument.id, docxDocument.id].includes(d.id)).map((d: any) => d.status),
        ['ready', 'ready'],
      );
    });

    test('Markdown, JSON, CSV and HTML come out as text; HTML loses its markup, scripts and styles', async () => {
      const task = await forge.createTask({ title: 'with files', projectId });
      const html = '<html><head><style>p{color:red}</style><script>alert("x")</script></head><body><h1>Pricing</h1><p>Basic costs <b>$9</b> &amp; Pro $29.</p></body></html>';
      const created = await upload(forge, `/api/tasks/${task.id}/documents`, [
        { name: 'notes.md', bytes: '# Plan\n\n- ship it\n' },
        { name: 'config.json', bytes: '{"region":"eu-west-1"}' },
        { name: 'sales.csv', bytes: 'month,units\nJan,120\n' },
        { name: 'pricing.html', bytes: html },
      ]);
      assert.equal(created.status, 201);
      const texts: Record<string, string> = {};
      for (const document of created.body) {
        assert.equal(document.scope, 'task');
        assert.equal(document.taskId, task.id);
        assert.equal((await settled(forge, document.id)).status, 'ready');
        texts[document.name] = await extractedText(forge, document.id);
      }
      assert.equal(texts['notes.md'], '# Plan\n\n- ship it\n');
      assert.equal(texts['sales.csv'], 'month,units\nJan,120\n');
      assert.equal(texts['config.json'], '{"region":"eu-west-1"}');
      assert.match(texts['pricing.html']!, /Pricing/);
      assert.match(texts['pricing.html']!, /Basic costs \$9 & Pro \$29\./);
      assert.doesNotMatch(texts['pricing.html']!, /<|alert|color:red/);

      const listed = await forge.api('GET', `/api/tasks/${task.id}/documents`);
      assert.deepEqual(listed.body.map((d: any) => d.name), ['notes.md', 'config.json', 'sales.csv', 'pricing.html']);
      assert.deepEqual((await forge.api('GET', `/api/tasks/${task.id}/documents?role=output`)).body, []);
    });

    test('corrupt, password-protected and malformed files are marked failed with a reason a user can act on', async () => {
      const encryptedWord = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
      const created = await upload(forge, `/api/projects/${projectId}/documents`, [
        { name: 'locked.pdf', bytes: fixture('password-protected.pdf') },
        { name: 'truncated.pdf', bytes: minimalPdf(['cut short']).subarray(0, 60) },
        { name: 'locked.docx', bytes: encryptedWord },
        { name: 'broken.docx', bytes: 'this is not a zip file' },
        { name: 'broken.json', bytes: '{"a": ' },
        { name: 'latin1.txt', bytes: Buffer.from([0x63, 0x61, 0x66, 0xe9]) },
      ]);
      assert.equal(created.status, 201);
      const reasons: Record<string, string> = {};
      for (const document of created.body) {
        const done = await settled(forge, document.id);
        assert.equal(done.status, 'failed', `${document.name} should fail`);
        reasons[document.name] = done.error;
      }
      assert.match(reasons['locked.pdf']!, /password-protected/);
      assert.match(reasons['truncated.pdf']!, /not a readable PDF/);
      assert.match(reasons['locked.docx']!, /password-protected/);
      assert.match(reasons['broken.docx']!, /not a readable Word document/);
      assert.match(reasons['broken.json']!, /not valid JSON/);
      assert.match(reasons['latin1.txt']!, /not UTF-8/);

      const text = await forge.api('GET', `/api/documents/${created.body[0].id}/text`);
      assert.equal(text.status, 404);
      assert.match(text.body.error.message, /password-protected/);
    });

    test('download gives back the exact bytes with the name as an attachment; delete removes document and bytes', async () => {
      const pdf = minimalPdf(['Download me.']);
      const [document] = (await upload(forge, `/api/projects/${projectId}/documents`, [{ name: 'Résumé "final".pdf', bytes: pdf }])).body;
      const response = await fetch(`${forge.url}/api/documents/${document.id}/content`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/pdf');
      assert.equal(
        response.headers.get('content-disposition'),
        `attachment; filename="R_sum_ _final_.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22.pdf`,
      );
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.deepEqual(Buffer.from(await response.arrayBuffer()), pdf);

      const stored = join(forge.database.dataDir, 'documents', document.id);
      assert.ok(existsSync(stored), 'bytes live under <dataDir>/documents/<id>');
      assert.equal((await forge.api('DELETE', `/api/documents/${document.id}`)).status, 204);
      assert.equal(existsSync(stored), false);
      assert.equal((await forge.api('GET', `/api/documents/${document.id}`)).status, 404);
      assert.equal((await forge.api('GET', `/api/documents/${document.id}/content`)).status, 404);
      assert.equal((await forge.api('DELETE', `/api/documents/${document.id}`)).status, 404);
    });

    test('an uploaded name is never a path: "../../etc/passwd" becomes the display name "passwd"', async () => {
      const created = await upload(forge, `/api/projects/${projectId}/documents`, [
        { name: '../../etc/passwd', bytes: 'root:x:0:0', type: 'text/plain' },
        { name: '..\\..\\boot.ini\u0007.txt', bytes: 'ini' },
        { name: '..', bytes: 'dots', type: 'text/plain' },
      ]);
      assert.equal(created.status, 201);
      assert.deepEqual(created.body.map((d: any) => d.name), ['passwd', 'boot.ini.txt', 'document']);
      assert.deepEqual(
        readdirSync(join(forge.database.dataDir, 'documents')).filter((name) => !/^[0-9a-f-]{36}$/.test(name)),
        [],
        'nothing but id-named files in the document store',
      );
      assert.equal(existsSync(join(forge.database.dataDir, 'etc')), false);
    });

    test('an extraction cut short by a restart is finished when the server comes back', async () => {
      const [document] = (await upload(forge, `/api/projects/${projectId}/documents`, [{ name: 'agenda.md', bytes: '1. budget' }])).body;
      await settled(forge, document.id);
      // As if the process had died mid-extraction: the row is still pending.
      await forge.server.forge.db
        .updateTable('documents')
        .set({ status: 'pending', text: null, text_chars: null, extracted_at: null })
        .where('id', '=', document.id)
        .execute();
      await forge.restart();
      assert.equal((await settled(forge, document.id)).status, 'ready');
      assert.equal(await extractedText(forge, document.id), '1. budget');
    });

    test('bad input gets clear answers: 415 with the supported types, 413 with the limit, 404, 400', async () => {
      const unsupported = await upload(forge, `/api/projects/${projectId}/documents`, [
        { name: 'notes.md', bytes: '# fine' },
        { name: 'photo.png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47]), type: 'image/png' },
      ]);
      assert.equal(unsupported.status, 415);
      assert.match(unsupported.body.error.message, /"photo\.png" \(image\/png\) is not a supported document type/);
      assert.match(unsupported.body.error.message, /PDF \(\.pdf\).*Word \(\.docx\)/);
      const before = (await forge.api('GET', `/api/projects/${projectId}/documents`)).body.length;

      const tooLarge = await upload(forge, `/api/projects/${projectId}/documents`, [
        { name: 'big.txt', bytes: 'x'.repeat(MAX_UPLOAD_BYTES + 1) },
      ]);
      assert.equal(tooLarge.status, 413);
      assert.match(tooLarge.body.error.message, new RegExp(`at most ${MAX_UPLOAD_BYTES} bytes \\(FORGE_MAX_UPLOAD_BYTES\\)`));
      const wayTooLarge = await upload(forge, `/api/projects/${projectId}/documents`, [
        { name: 'huge.txt', bytes: 'x'.repeat(MAX_UPLOAD_BYTES * 3) },
      ]);
      assert.equal(wayTooLarge.status, 413);
      assert.equal((await forge.api('GET', `/api/projects/${projectId}/documents`)).body.length, before, 'a refused batch stores nothing');

      const unknownProject = await upload(forge, '/api/projects/no-such-project/documents', [{ name: 'a.txt', bytes: 'a' }]);
      assert.equal(unknownProject.status, 404);
      assert.match(unknownProject.body.error.message, /No project with id "no-such-project"/);
      const unknownTask = await upload(forge, '/api/tasks/no-such-task/documents', [{ name: 'a.txt', bytes: 'a' }]);
      assert.equal(unknownTask.status, 404);
      assert.equal((await forge.api('GET', '/api/tasks/no-such-task/documents')).status, 404);

      const wrongField = await upload(forge, `/api/projects/${projectId}/documents`, [{ name: 'a.txt', bytes: 'a' }], 'attachment');
      assert.equal(wrongField.status, 400);
      assert.match(wrongField.body.error.message, /field "file" \(got fields: attachment\)/);
      const json = await forge.api('POST', `/api/projects/${projectId}/documents`, { file: 'a.txt' });
      assert.equal(json.status, 400);
      assert.match(json.body.error.message, /multipart\/form-data/);

      const badRole = await forge.api('GET', `/api/projects/${projectId}/documents?role=secret`);
      assert.equal(badRole.status, 400);
      assert.match(badRole.body.error.message, /input or output/);
    });
  });
}
