## metafor's rma.mv on the benchmark's smaller workload shape (1,000 studies × 10 effects),
## SYNTHETIC data drawn the same way (R's own generator: the timing, not the numbers, is compared).
##   Rscript bench/multilevel-metafor.R
suppressMessages(library(metafor))
set.seed(20240)
clusters <- 1000; per <- 10
study <- rep(seq_len(clusters), each = per)
vi <- 0.01 + 0.09 * runif(clusters * per)
yi <- 0.2 + rep(rnorm(clusters, 0, sqrt(0.1)), each = per) + rnorm(clusters * per, 0, sqrt(0.05)) + rnorm(clusters * per, 0, sqrt(vi))
dat <- data.frame(study = study, es = seq_along(yi), yi = yi, vi = vi)
t <- system.time(res <- rma.mv(yi, vi, random = ~ 1 | study/es, data = dat))
cat(sprintf("rma.mv k = %d: %.2f s elapsed (sigma2 = %s)\n", nrow(dat), t[["elapsed"]], paste(signif(res$sigma2, 6), collapse = ", ")))
t2 <- system.time(res2 <- rma.mv(yi, vi, random = ~ 1 | study/es, data = dat, sparse = TRUE))
cat(sprintf("rma.mv sparse = TRUE, k = %d: %.2f s elapsed\n", nrow(dat), t2[["elapsed"]]))
