// Placeholder until issue #7 lands: the command exists in the registry but is not built yet.
import { MetasynthError } from '../../core/errors.js';
import type { Command } from '../command.js';

export const command: Command = {
  name: 'check',
  summary: 'not available yet (issue #7)',
  usage: 'metasynth check',
  options: [],
  async run() {
    throw new MetasynthError('usage', 'check: not available yet (issue #7)');
  },
};
