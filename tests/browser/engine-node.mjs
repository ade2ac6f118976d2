// Runs the WebAssembly engine of web/dist/ under node, as the browser would, for tests/web.rs:
// renders and checks the datasets a job file lists and writes what the engine answered.
//
// Usage: node engine-node.mjs DIST_DIR JOBS.json
//   JOBS.json: [{"dataset": PATH, "options": {...}, "pdf": OUT_PATH}          (render)
//              | {"dataset": PATH, "check": OUT_PATH}                          (check)
//              | {"dataset": PATH, "options": {...}, "preview": OUT_PATH}      (pages, places)
//              | {"readDate": TEXT, "out": OUT_PATH}                           (readDate)
//              | {"import": PATH, "name": FILE_NAME, "out": OUT_PATH}         (importFile)
//              | {"extract": PATH, "out": OUT_PATH}                            (extract)
//              | {"panic": OUT_PATH}]          (a deliberate panic: what was thrown)
// A failure the engine throws is written as {"failure": {...}} to the job's output.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dist, jobsPath] = process.argv.slice(2);
const engineDir = join(dist, 'engine');
const engine = await import(pathToFileURL(join(engineDir, 'ita_report_web.js')).href);
await engine.default({ module_or_path: readFileSync(join(engineDir, 'ita_report_web_bg.wasm')) });

const jobs = JSON.parse(readFileSync(jobsPath, 'utf8'));
const text = (path) => readFileSync(path, 'utf8');
const failure = (out, error) => writeFileSync(out, JSON.stringify({ failure: error }));
for (const job of jobs) {
  const out = job.pdf || job.check || job.preview || job.out || job.panic;
  try {
    if (job.panic) {
      try {
        engine.__panicForTest();
        writeFileSync(job.panic, JSON.stringify({ threw: false }));
      } catch (error) {
        writeFileSync(job.panic, JSON.stringify({ threw: true, name: error?.constructor?.name }));
      }
      continue;
    }
    if (job.pdf) writeFileSync(job.pdf, engine.render(text(job.dataset), job.options ?? {}));
    // A file's bytes, as a page passes an opened file: not-UTF-8 files are checked as such.
    else if (job.check) writeFileSync(job.check, JSON.stringify(engine.check(readFileSync(job.dataset))));
    else if (job.preview) {
      const pages = engine.preview(text(job.dataset), job.options ?? {});
      const report = engine.previewReport(text(job.dataset), job.options ?? {});
      writeFileSync(job.preview, JSON.stringify({
        pages: pages.length,
        svg: pages.every((p) => p.startsWith('<svg')),
        same_pages: report.pages.length === pages.length && report.pages.every((p, i) => p === pages[i]),
        measures: report.measures,
      }));
    } else if (job.readDate !== undefined) writeFileSync(job.out, JSON.stringify(engine.readDate(job.readDate))); else if (job.import) writeFileSync(job.out, engine.importFile(job.name, readFileSync(job.import)));
    else if (job.extract) writeFileSync(job.out, engine.extract(readFileSync(job.extract)));
  } catch (error) {
    failure(out, error);
  }
}
console.log(`engine-node: ${jobs.length} job(s) done`);
