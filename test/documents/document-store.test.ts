import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openStore, type Store } from '../../src/store/database.js';
import {
  deleteDocument,
  documentText,
  findDocument,
  findOutputDocumentByName,
  inputDocumentsForTask,
  insertDocument,
  listDocuments,
  listPendingDocuments,
  markDocumentFailed,
  markDocumentReady,
  type NewDocument,
} from '../../src/store/documents.js';
import { insertProject } from '../../src/store/projects.js';
import { insertTask } from '../../src/store/tasks.js';
import { ENGINES, createTestDatabase, type TestDatabase } from '../support/databases.js';

for (const engine of ENGINES) {
  describe(`document store (${engine})`, () => {
    let database: TestDatabase;
    let store: Store;
    let projectId: string;
    let taskId: string;
    let otherTaskId: string;
    let counter = 0;

    const newDocument = (overrides: Partial<NewDocument> & Pick<NewDocument, 'owner'>): NewDocument => ({
      id: `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
      role: 'input',
      name: `doc-${counter}.txt`,
      mediaType: 'text/plain; charset=utf-8',
      kind: 'text',
      sizeBytes: 12,
      sha256: 'a'.repeat(64),
      status: 'pending',
      ...overrides,
    });

    before(async () => {
      database = await createTestDatabase(engine);
      store = await openStore({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
      projectId = (await insertProject(store.db, { name: 'p', workingDirectory: database.dataDir })).id;
      const task = (id: string | null) =>
        insertTask(store.db, {
          title: 't',
          description: '',
          projectId: id,
          assignedAgent: 'anthropic',
          agentProfile: 'general',
          priority: 3,
          continueFromTaskId: null,
        });
      taskId = (await task(projectId)).id;
      otherTaskId = (await task(projectId)).id;
    });
    after(async () => {
      await store.close();
      await database.drop();
    });

    test('a document is stored with its owner and read back, large sizes included', async () => {
      const inserted = await insertDocument(
        store.db,
        newDocument({ owner: { scope: 'project', projectId }, name: 'Bericht – Q3.pdf', kind: 'pdf', sizeBytes: 3_000_000_000 }),
      );
      const found = await findDocument(store.db, inserted.id);
      assert.deepEqual(found, inserted);
      assert.equal(found!.scope, 'project');
      assert.equal(found!.projectId, projectId);
      assert.equal(found!.taskId, null);
      assert.equal(found!.sizeBytes, 3_000_000_000);
      assert.equal(found!.name, 'Bericht – Q3.pdf');
    });

    test('extraction can finish only once: the first outcome stands', async () => {
      const document = await insertDocument(store.db, newDocument({ owner: { scope: 'task', taskId } }));
      assert.ok((await listPendingDocuments(store.db)).some((d) => d.id === document.id));
      assert.equal(await markDocumentReady(store.db, document.id, 'hello world'), true);
      assert.equal(await markDocumentFailed(store.db, document.id, 'too late'), false);
      assert.equal(await markDocumentReady(store.db, document.id, 'other text'), false);
      const ready = await findDocument(store.db, document.id);
      assert.equal(ready!.status, 'ready');
      assert.equal(ready!.textChars, 11);
      assert.equal(ready!.error, null);
      assert.ok(ready!.extractedAt);
      assert.equal(await documentText(store.db, document.id), 'hello world');
      assert.ok(!(await listPendingDocuments(store.db)).some((d) => d.id === document.id));

      const broken = await insertDocument(store.db, newDocument({ owner: { scope: 'task', taskId } }));
      assert.equal(await markDocumentFailed(store.db, broken.id, 'not UTF-8 text'), true);
      const failed = await findDocument(store.db, broken.id);
      assert.equal(failed!.status, 'failed');
      assert.equal(failed!.error, 'not UTF-8 text');
      assert.equal(await documentText(store.db, broken.id), undefined);
    });

    test('listing filters by owner and role; a run sees project documents first, then its own, never another task’s', async () => {
      const shared = await insertDocument(store.db, newDocument({ owner: { scope: 'project', projectId }, name: 'shared.md' }));
      const own = await insertDocument(store.db, newDocument({ owner: { scope: 'task', taskId }, name: 'own.md' }));
      const output = await insertDocument(
        store.db,
        newDocument({ owner: { scope: 'task', taskId }, role: 'output', name: 'out/report.md', status: 'ready' }),
      );
      const foreign = await insertDocument(store.db, newDocument({ owner: { scope: 'task', taskId: otherTaskId }, name: 'foreign.md' }));
      await markDocumentReady(store.db, own.id, 'own text');

      const outputs = await listDocuments(store.db, { scope: 'task', taskId }, 'output');
      assert.deepEqual(outputs.map((d) => d.id), [output.id]);
      const all = await listDocuments(store.db, { scope: 'task', taskId });
      assert.ok(all.some((d) => d.id === own.id) && all.some((d) => d.id === output.id));
      assert.ok(!all.some((d) => d.id === foreign.id || d.id === shared.id));

      const forRun = await inputDocumentsForTask(store.db, { id: taskId, projectId });
      const ids = forRun.map((d) => d.id);
      assert.ok(ids.includes(shared.id) && ids.includes(own.id));
      assert.ok(!ids.includes(output.id), 'outputs are not inputs');
      assert.ok(!ids.includes(foreign.id), 'another task’s document stays with that task');
      assert.ok(ids.indexOf(shared.id) < ids.indexOf(own.id), 'project documents come first');
      assert.equal(forRun.find((d) => d.id === own.id)!.text, 'own text');

      assert.equal((await findOutputDocumentByName(store.db, taskId, 'out/report.md'))?.id, output.id);
      assert.equal(await findOutputDocumentByName(store.db, otherTaskId, 'out/report.md'), undefined);
    });

    test('a document belongs to exactly one owner, and deleting removes it', async () => {
      const document = await insertDocument(store.db, newDocument({ owner: { scope: 'task', taskId } }));
      await assert.rejects(
        store.db
          .updateTable('documents')
          .set({ project_id: projectId })
          .where('id', '=', document.id)
          .execute(),
        'a row with both owners is refused by the database',
      );
      assert.equal(await deleteDocument(store.db, document.id), true);
      assert.equal(await findDocument(store.db, document.id), undefined);
      assert.equal(await deleteDocument(store.db, document.id), false);
    });
  });
}
