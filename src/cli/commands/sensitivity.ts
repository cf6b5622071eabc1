// Placeholder until issue #4 lands: the command exists in the registry but is not built yet.
import { MetasynthError } from '../../core/errors.js';
import type { Command } from '../command.js';

export const command: Command = {
  name: 'sensitivity',
  summary: 'not available yet (issue #4)',
  usage: 'metasynth sensitivity',
  options: [],
  async run() {
    throw new MetasynthError('usage', 'sensitivity: not available yet (issue #4)');
  },
};
