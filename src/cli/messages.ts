// The user-facing messages of cli, each a function of its parameters keyed by a stable code
// (docs/messages.md lists them all; test/unit/core/messages.test.ts keeps text out of the code).
import { defineMessages } from '../core/message.js';

/** The messages of cli, keyed by their stable code. */
export const CLI_MESSAGES = defineMessages({
  takes_no_value: (command: string, name: string) => `${command}: --${name} takes no value`,
  needs_value: (command: string, name: string) => `${command}: --${name} needs a value`,
  bayes_figure_not_one: (figure: unknown) => `bayes: --figure ${JSON.stringify(figure)} is not one of densities, joint, forest`,
  method_not_available_here: (command: string, method: unknown, MODEL_METHODS: readonly string[]) =>
    `${command}: --method ${JSON.stringify(method)} is not available here; choose one of ${MODEL_METHODS.join(', ')} (MH and PETO pool 2x2 counts, not effect sizes)`,
  cli_unknown_test: (command: string, test: unknown, TESTS: readonly string[]) =>
    `${command}: --test ${JSON.stringify(test)} must be one of ${TESTS.join(', ')}`,
  bias_predictor_one: (predictor: unknown, REGRESSION_PREDICTORS: readonly string[]) =>
    `bias: --predictor ${JSON.stringify(predictor)} must be one of ${REGRESSION_PREDICTORS.join(', ')}`,
  bias_estimator_one: (estimator: unknown, TRIM_FILL_ESTIMATORS: readonly string[]) =>
    `bias: --estimator ${JSON.stringify(estimator)} must be one of ${TRIM_FILL_ESTIMATORS.join(', ')}`,
  study_file_not_found: (file: string, name: string) => `study file ${file} not found (looked for ${name})`,
  check_no_such_file: (path: string) => `check: ${path}: no such file`,
  check_directory_not_expectations: (path: string) => `check: ${path} is a directory, not an expectations file`,
  check_expectations_file_see: () => 'check: give an expectations file (see metasynth check --help and the README)',
  columns_takes_no_file: (positionals: readonly string[]) => `columns: takes no FILE (got ${positionals.join(', ')})`,
  datasets_takes_no_file: (positionals: readonly string[]) => `datasets: takes no FILE (got ${positionals.join(', ')})`,
  gosh_unknown_method_choose: (value: unknown, POOL_MANY_METHODS: readonly string[]) =>
    `gosh: unknown --method ${JSON.stringify(value)}; choose one of ${POOL_MANY_METHODS.join(', ')}`,
  gosh_whole_number_from: (name: string, value: unknown, min: number, max: number) =>
    `gosh: --${name} (${JSON.stringify(value)}) must be a whole number from ${min} to ${max}`,
  gosh_rows_adds_subsets: () => 'gosh: --rows adds the subsets to the JSON document; give it with --json',
  measures_most_one_name: (length: number) => `measures: give at most one NAME, not ${length}`,
  measures_unknown_measure_run: (name: unknown) => `measures: unknown measure ${JSON.stringify(name)}; run metasynth measures for the list`,
  vcov_rho_not_both: (NAME: string) => `${NAME}: give --vcov or --rho, not both`,
  needs_cluster_col_column: (NAME: string, length: number, rhoText: undefined | string) =>
    `${NAME}: --${length > 0 ? 'vcov' : rhoText !== undefined ? 'rho' : 'robust'} needs --cluster COL (the column whose rows share a sampling covariance block or a robust cluster)`,
  robust_not_one: (NAME: string, robust: unknown, ROBUST_TYPES: readonly string[]) =>
    `${NAME}: --robust ${JSON.stringify(robust)} is not one of ${ROBUST_TYPES.join(', ')}`,
  rho_correlation_strictly_between: (NAME: string, rhoText: unknown) =>
    `${NAME}: --rho (${JSON.stringify(rhoText)}) must be a correlation strictly between -1 and 1`,
  random_effects_random_random: (NAME: string) =>
    `${NAME}: give the random effects with --random, e.g. --random "~ 1 | study/es" (repeat --random for crossed terms)`,
  struct_not_one: (NAME: string, struct: unknown, STRUCTS: readonly string[]) =>
    `${NAME}: --struct ${JSON.stringify(struct)} is not one of ${STRUCTS.join(', ')}`,
  method_not_one_reml: (NAME: string, method: unknown) => `${NAME}: --method ${JSON.stringify(method)} is not one of REML, ML`,
  test_not_one_z: (NAME: string, test: unknown) => `${NAME}: --test ${JSON.stringify(test)} is not one of z, t`,
  cluster_diagnostics_needs_cluster: (NAME: string) => `${NAME}: --cluster-diagnostics needs --cluster COL`,
  permutest_unknown_method_choose: (value: unknown, POOL_MANY_METHODS: readonly string[]) =>
    `permutest: unknown --method ${JSON.stringify(value)}; choose one of ${POOL_MANY_METHODS.join(', ')}`,
  permutest_mods_needs_moderator: () => 'permutest: --mods needs moderator column names, e.g. --mods ablat,alloc (leave it out to test the pooled estimate)',
  permutest_iterations_whole_number: (value: unknown, MAX_ITERATIONS: number) =>
    `permutest: --iterations (${JSON.stringify(value)}) must be a whole number from 2 to ${MAX_ITERATIONS}`,
  seed_whole_number_from: (command: string, value: unknown) => `${command}: --seed (${JSON.stringify(value)}) must be a whole number from 0 to 4294967295`,
  out_extension_one: (path: unknown, OUTPUT_FORMATS: readonly string[]) =>
    `--out ${JSON.stringify(path)}: the extension must be one of ${OUTPUT_FORMATS.join(', ')}`,
  plot_unknown_method: (method: unknown) => `unknown --method ${JSON.stringify(method)}`,
  plot_unknown_test: (test: unknown, TESTS: readonly string[]) => `unknown --test ${JSON.stringify(test)}; choose one of ${TESTS.join(', ')}`,
  out_path_required_see: (command: string) => `${command}: --out PATH is required (see metasynth ${command} --help)`,
  out_input_file_refusing: (command: string, out: string) => `${command}: --out ${out} is the input file; refusing to overwrite it`,
  plot_first_argument_plot: (PLOT_KINDS: readonly string[], kind: undefined | string) =>
    `plot: the first argument must be the plot kind: ${PLOT_KINDS.join(', ')} (received ${JSON.stringify(kind ?? '')})`,
  plot_unknown_preset_choose: (preset: unknown, FOREST_PRESETS: readonly string[]) =>
    `plot: unknown --preset ${JSON.stringify(preset)}; choose ${FOREST_PRESETS.join(', ')}`,
  plot_unknown_sort_choose: (sort: unknown, FOREST_SORTS: readonly string[]) =>
    `plot: unknown --sort ${JSON.stringify(sort)}; choose ${FOREST_SORTS.join(', ')}`,
  plot_scale_number: (scale: unknown) => `plot: --scale must be a number in (0, 8], received ${JSON.stringify(scale)}`,
  plot_favours_takes_two: () => 'plot: --favours takes two labels separated by a comma, e.g. "vaccine,control"',
  pool_method_not_one: (value: unknown, POOL_METHODS: readonly string[]) => `pool: --method ${JSON.stringify(value)} is not one of ${POOL_METHODS.join(', ')}`,
  pool_test_not_one: (value: unknown, TESTS: readonly string[]) => `pool: --test ${JSON.stringify(value)} is not one of ${TESTS.join(', ')}`,
  regress_unknown_method: (command: string, value: unknown, META_REGRESSION_METHODS: readonly string[]) =>
    `${command}: unknown --method ${JSON.stringify(value)}; choose one of ${META_REGRESSION_METHODS.join(', ')}`,
  regress_unknown_test: (command: string, value: unknown, TESTS: readonly string[]) =>
    `${command}: unknown --test ${JSON.stringify(value)}; choose one of ${TESTS.join(', ')}`,
  regress_moderators_mods_b: () => 'regress: give the moderators with --mods a,b,... (column names; factor(x) treats a numeric column as categorical)',
  report_out_end_html: (out: unknown) => `report: --out must end in .html (received ${JSON.stringify(out)})`,
  reproduce_name_analysis_metasynth: (REPRODUCTIONS: readonly string[]) =>
    `reproduce: name the analysis: ${REPRODUCTIONS.join(', ')} (e.g. metasynth reproduce cik)`,
  reproduce_unknown_analysis_available: (which: string, rest: readonly string[], REPRODUCTIONS: readonly string[]) =>
    `reproduce: unknown analysis ${JSON.stringify([which, ...rest].join(' '))}; available: ${REPRODUCTIONS.join(', ')}`,
  reproduce_out_needs_directory: () => 'reproduce: --out needs a directory',
  selection_steps_comma_separated: (command: string) => `${command}: give --steps as comma-separated p-values ending at 1, e.g. --steps 0.025,1`,
  selection_steps_value_not: (command: string, i: number, stringify: string) => `${command}: --steps value ${i} (${stringify}) is not a number`,
  selection_delta_comma_separated: () => 'selection: give --delta as comma-separated values, NA (or empty) for one to estimate, e.g. --delta 1,0.5,NA',
  selection_delta_value_not: (i: number, stringify: string) => `selection: --delta value ${i} (${stringify}) is neither a number nor NA`,
  selection_type_one: (SELECTION_TYPES: readonly string[], type: string) =>
    `selection: give --type, one of ${SELECTION_TYPES.join(', ')}${type ? ` (received ${JSON.stringify(type)})` : ''}`,
  selection_alternative_one: (command: string, alternative: unknown, SELECTION_ALTERNATIVES: readonly string[]) =>
    `${command}: --alternative ${JSON.stringify(alternative)} must be one of ${SELECTION_ALTERNATIVES.join(', ')}`,
  plot_funnel_selection_one: (SELECTION_TYPES: readonly string[], value: unknown) =>
    `plot funnel: --selection takes selection types separated by commas, each one of ${SELECTION_TYPES.join(', ')}; received ${JSON.stringify(value)}`,
  plot_funnel_steps_without_stepfun: (types: readonly string[]) =>
    `plot funnel: --steps sets the cut-points of the step function; add stepfun to --selection (received --selection ${types.join(',') || 'none'})`,
  selection_unknown_method_choose: (method: unknown) =>
    `selection: unknown --method ${JSON.stringify(method)}; choose EE (FE) or a tau2 method (REML, ML, DL, …; refitted by ML)`,
  subgroup_grouping_column: () => 'subgroup: give the grouping column with --by g',
  unknown_control: (command: string, value: unknown, CONTROL_CHOICES: readonly string[]) =>
    `${command}: --control ${JSON.stringify(value)} must be one of ${CONTROL_CHOICES.join(', ')}`,
  refusing_write_non_finite: (v: unknown, key: string) => `refusing to write a non-finite number (${String(v)}) at "${key}" into JSON output`,
  refusing_write_into_json: (v: string, key: string) => `refusing to write a ${v} at "${key}" into JSON output`,
  refusing_write_undefined_array: (key: string) => `refusing to write an undefined array item at "${key}" into JSON output`,
  refusing_write_undefined_json: () => 'refusing to write an undefined JSON document',
  delimiter_not_one_comma: (value: unknown) => `--delimiter ${JSON.stringify(value)} is not one of comma (,), semicolon (;), tab`,
  decimal_not: (value: unknown) => `--decimal ${JSON.stringify(value)} is not . or ,`,
  sheet_applies_xlsx_workbooks: (command: string, path: string) => `${command}: --sheet applies to .xlsx workbooks, not to ${path}`,
  delimiter_applies_text_files: (command: string, path: string) => `${command}: --delimiter applies to text files (.csv, .tsv, .txt), not to ${path}`,
  decimal_applies_text_files: (command: string, path: string) =>
    `${command}: --decimal applies to text files and workbooks, not to ${path} (JSON numbers have a decimal point)`,
  one_file_not: (command: string, length: number, files: readonly string[]) => `${command}: give one FILE, not ${length} (${files.join(', ')})`,
  either_file_dataset_name: (command: string) => `${command}: give either FILE or --dataset NAME, not both`,
  study_file_csv_json: (command: string) => `${command}: give a study FILE (.csv or .json) or --dataset NAME (see metasynth ${command} --help)`,
  unknown_measure_choose_one_2: (value: unknown, MEASURES: readonly string[]) =>
    `unknown measure ${JSON.stringify(value)}; choose one of ${MEASURES.join(', ')}`,
  level_percentage_between_2: (value: unknown) => `--level (${JSON.stringify(value)}) must be a percentage between 1 and 100, e.g. 95`,
  directory_not_study_file: (path: string) => `${path} is a directory, not a study file`,
  exclude_unknown_label: (command: string, label: string, source: string) =>
    `${command}: --exclude ${JSON.stringify(label)}: no study in ${source} is labelled so (labels are matched exactly)`,
  excluded_by_option: (labels: readonly string[]) =>
    `Excluded by --exclude (${labels.length} ${labels.length === 1 ? 'study' : 'studies'}): ${labels.map((l) => JSON.stringify(l)).join(', ')}`,
  dataset_failed: (command: string, name: string, err: string) => `${command}: --dataset ${name}: ${err}`,
  unknown_command_run_metasynth: (first: string, near: undefined | string) =>
    `unknown command "${first}"${near === undefined ? '' : `; did you mean ${near}?`} (run metasynth --help)`,
  cluster_used_robust_cr1: (command: string) => `${command}: --cluster is used with --robust CR1|CR2`,
  robust_not_one_2: (command: string, t: unknown, ROBUST_TYPES: readonly string[]) =>
    `${command}: --robust ${JSON.stringify(t)} is not one of ${ROBUST_TYPES.join(', ')}`,
  robust_needs_cluster_col: (command: string) => `${command}: --robust needs --cluster COL (the column whose rows form one cluster)`,
  internal_error: (message: string) => `internal error: ${message}\n(this is a bug; rerun with METASYNTH_DEBUG=1 for details)`,
  file_system_problem: (path: string, reason: string) => `${path}: cannot write or read it (${reason})`,
  fs_eisdir: () => 'is a directory',
  fs_enotdir: () => 'a part of the path is not a directory',
  fs_enoent: () => 'no such file or directory',
  fs_eacces: () => 'permission denied',
  fs_eperm: () => 'operation not permitted',
  fs_erofs: () => 'read-only file system',
  fs_enospc: () => 'no space left on device',
  fs_eexist: () => 'already exists',
  wrote_file: (file: string, synthetic: boolean) => `wrote ${file}${synthetic ? ' (SYNTHETIC DATA)' : ''}`,
  glmm_unknown_model: (command: string, model: undefined | string | boolean, GLMM_MODELS: readonly string[]) =>
    `${command}: --model ${JSON.stringify(model)} is not one of ${GLMM_MODELS.join(', ')}`,
  glmm_method_glmm_method: (command: string, value: undefined | string | boolean, GLMM_METHODS: readonly string[]) =>
    `${command}: --glmm-method ${JSON.stringify(value)} is not one of ${GLMM_METHODS.join(', ')}`,
  nagq_whole_number_quadrature: (command: string, nagq: undefined | string | boolean) =>
    `${command}: --nagq (${JSON.stringify(nagq)}) must be a whole number of quadrature points from 1 to 100`,
  method_glmm_model_needs: (command: string, model: string, measure: string) =>
    `${command}: --method GLMM with --model ${model} needs --measure OR (received ${measure})${model === 'CM.EL' ? ', or IRR for two incidence rates' : ''}; the conditional models are defined for these only`,
  method_glmm_fits_metafor: (command: string, GLMM_MEASURES: readonly string[], measure: string) =>
    `${command}: --method GLMM fits ${GLMM_MEASURES.join(', ')} (metafor's rma.glmm); received --measure ${measure}`,
  weights_needs_column_name: (command: string) => `${command}: --weights needs a column name (--weights COL)`,
  tau2_ci_one_q: (command: string, value: string | boolean, TAU2_INTERVAL_TYPES: readonly string[]) =>
    `${command}: --tau2-ci ${JSON.stringify(value)} is not one of ${TAU2_INTERVAL_TYPES.join(', ')} (the Q-profile interval is always reported)`,
  method_needs_user_weights_3: (command: string, rawMethod: string) =>
    `${command}: --method ${rawMethod} needs user weights (--weights), which only pool and regress take; choose another method`,
  study_left_out: (study: string, reason: string) => `study ${JSON.stringify(study)}: left out (${reason})`,
  plot_max_rows_whole: (v: string | boolean) => `plot: --max-rows must be a whole number of at least 5, received ${JSON.stringify(v)}`,
  plot_unknown_subgroup_test: (subgroupTest: string, SUBGROUP_TESTS: readonly string[]) =>
    `plot: unknown --subgroup-test ${JSON.stringify(subgroupTest)}; choose ${SUBGROUP_TESTS.join(', ')}`,
  plot_draws_cluster_forest: (NAME: string) => `${NAME}: --plot draws the cluster forest plot of an intercept-only model; leave out --mods`,
  unknown_preset_choose: (NAME: string, preset: string | boolean, FOREST_PRESETS: readonly string[]) =>
    `${NAME}: unknown --preset ${JSON.stringify(preset)}; choose ${FOREST_PRESETS.join(', ')}`,
  max_rows_whole_number: (NAME: string, value: undefined | string | boolean) =>
    `${NAME}: --max-rows must be a whole number of at least 5, received ${JSON.stringify(value)}`,
  plot_input_file_refusing: (NAME: string, file: string) => `${NAME}: --plot ${file} is the input file; refusing to overwrite it`,
});
