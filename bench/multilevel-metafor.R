## metafor's rma.mv on the multilevel benchmark's smaller workload (1,000 studies x 10 effects,
## SYNTHETIC), the very data metasynth fits in bench/multilevel.mjs (same seeded generator,
## exported by bench/multilevelWorkloadCsv.mjs). Prints elapsed and CPU seconds of the default
## (dense) fit and of sparse = TRUE, with the REML estimates for comparison with metasynth's.
##   node bench/multilevelWorkloadCsv.mjs 1000 10 /tmp/ml10k.csv
##   OPENBLAS_NUM_THREADS=1 Rscript bench/multilevel-metafor.R /tmp/ml10k.csv [sparse|dense|both]
suppressMessages(library(metafor))
args <- commandArgs(trailingOnly = TRUE)
dat <- read.csv(args[1])
which <- if (length(args) > 1) args[2] else "both"
report <- function(label, t, res) {
  cat(sprintf("rma.mv %s, k = %d: %.2f s elapsed, %.2f s CPU (user + system); sigma2 = %s; b = %s; logLik = %s\n", label, nrow(dat), t[["elapsed"]], t[["user.self"]] + t[["sys.self"]],
              paste(format(res$sigma2, digits = 10), collapse = ", "), format(res$b[1], digits = 10), format(logLik(res)[1], digits = 12)))
  flush(stdout())
}
if (which %in% c("sparse", "both")) {
  t <- system.time(res <- rma.mv(yi, vi, random = ~ 1 | cluster/es, data = dat, sparse = TRUE))
  report("sparse = TRUE", t, res)
}
if (which %in% c("dense", "both")) {
  t <- system.time(res <- rma.mv(yi, vi, random = ~ 1 | cluster/es, data = dat))
  report("default (dense)", t, res)
}
