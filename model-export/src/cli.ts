import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RegistryError } from '@polarity/core/registry';
import { caveatsCommand } from './commands/caveats.ts';
import { evaluateCommand } from './commands/evaluate.ts';
import { listCommand, promoteCommand, rollbackCommand } from './commands/model-commands.ts';
import { openRegistry } from './commands/registry-access.ts';
import {
  defaultDataPath,
  defaultSentencesPath,
  parseHyperparameters,
  trainCommand,
} from './commands/train.ts';
import { exportFeedbackCommand } from './feedback-export.ts';

const usage = `usage:
  npm run train -- [--data PATH] [--extra PATH] [--seed N] [--out DIR] [--skip-bad] [--params JSON]
                   [--sentences DIR] [--notes FILE.md]
  npm run model -- evaluate <version> [--data PATH] [--sentences DIR]
  npm run model -- caveats <version> [--data PATH]
  npm run model -- promote <version> --alias <alias>
  npm run model -- rollback
  npm run model -- list
  npm run model -- export-feedback [--out feedback.jsonl] [--include-simulator]`;

const log = (line: string) => console.log(line);

/** npm runs this in model-export/; paths given on the command line are the caller's. */
const fromCaller = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string', default: defaultDataPath },
      sentences: { type: 'string', default: defaultSentencesPath },
      notes: { type: 'string' },
      extra: { type: 'string' },
      seed: { type: 'string', default: '42' },
      out: { type: 'string' },
      'skip-bad': { type: 'boolean', default: false },
      params: { type: 'string' },
      alias: { type: 'string' },
      'include-simulator': { type: 'boolean', default: false },
    },
  });
  const [command, version] = positionals;
  switch (command) {
    case 'train': {
      const seed = Number(values.seed);
      if (!Number.isInteger(seed))
        throw new Error(`--seed: expected an integer, got "${values.seed}"`);
      return trainCommand({
        data: values.data,
        seed,
        skipBad: values['skip-bad'],
        params: parseHyperparameters(values.params),
        sentences: values.sentences,
        log,
        ...(values.notes ? { notes: fromCaller(values.notes) } : {}),
        ...(values.out ? { out: values.out } : {}),
        ...(values.extra ? { extra: values.extra } : {}),
      });
    }
    case 'evaluate':
      if (!version) throw new Error('evaluate: which version?');
      return evaluateCommand(openRegistry(), version, values.data, values.sentences, log);
    case 'caveats':
      if (!version) throw new Error('caveats: which version?');
      return caveatsCommand(openRegistry(), version, values.data, log);
    case 'promote':
      if (!version || !values.alias)
        throw new Error('promote: needs <version> and --alias <alias>');
      return promoteCommand(openRegistry(), version, values.alias, log);
    case 'rollback':
      return rollbackCommand(openRegistry(), log);
    case 'list':
      return listCommand(openRegistry(), log);
    case 'export-feedback':
      return exportFeedbackCommand(
        values.out ?? 'feedback.jsonl',
        { includeSimulator: values['include-simulator'] },
        log,
      );
    default:
      throw new Error(`unknown command "${command ?? ''}"\n${usage}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const prefix = error instanceof RegistryError ? `registry error (${error.code})` : 'error';
  console.error(`${prefix}: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
