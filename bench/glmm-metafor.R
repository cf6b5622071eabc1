# GLMM benchmark workload and metafor's times (issue 18). Run from the repository root:
#   Rscript bench/glmm-metafor.R
# Writes the SYNTHETIC seeded workload bench/glmm-workload.csv (100 trials, event risks 0.1-2%,
# log OR ~ N(log 0.7, 0.4²), some double-zero trials) and prints metafor 3.8-1's elapsed seconds
# (median of 3) for rma.glmm UM.RS (ML) and CM.EL (ML) with its default settings.
suppressPackageStartupMessages(library(metafor))
set.seed(20261129)
k <- 100
n1 <- sample(80:600, k, replace = TRUE); n2 <- sample(80:600, k, replace = TRUE)
pc <- runif(k, 0.001, 0.02); pt <- plogis(qlogis(pc) + rnorm(k, log(0.7), 0.4))
d <- data.frame(study = sprintf("SYNTHETIC %03d", 1:k), x1i = rbinom(k, n1, pt), n1i = n1, x2i = rbinom(k, n2, pc), n2i = n2)
write.csv(d, "bench/glmm-workload.csv", row.names = FALSE)
time_of <- function(model) median(replicate(3, system.time(suppressWarnings(rma.glmm(measure = "OR", ai = x1i, n1i = n1i, ci = x2i, n2i = n2i, data = d, model = model, method = "ML")))[["elapsed"]]))
cat(sprintf("k = %d, double zeros %d\n", k, sum(d$x1i == 0 & d$x2i == 0)))
for (m in c("UM.RS", "CM.EL")) cat(sprintf("metafor rma.glmm %s ML: %.2f s\n", m, time_of(m)))
