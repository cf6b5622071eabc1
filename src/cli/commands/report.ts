// Placeholder until issue #6 lands: the command exists in the registry but is not built yet.
import { MetasynthError } from '../../core/errors.js';
import type { Command } from '../command.js';

export const command: Command = {
  name: 'report',
  summary: 'not available yet (issue #6)',
  usage: 'metasynth report',
  options: [],
  async run() {
    throw new MetasynthError('usage', 'report: not available yet (issue #6)');
  },
};
