// Placeholder until issue #5 lands: the command exists in the registry but is not built yet.
import { MetasynthError } from '../../core/errors.js';
import type { Command } from '../command.js';

export const command: Command = {
  name: 'regress',
  summary: 'not available yet (issue #5)',
  usage: 'metasynth regress',
  options: [],
  async run() {
    throw new MetasynthError('usage', 'regress: not available yet (issue #5)');
  },
};
