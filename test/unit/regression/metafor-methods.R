## Generates test/unit/regression/metafor-methods.json (run from the repository root with R 4.2 and metafor 3.8-1):
##   Rscript test/unit/regression/metafor-methods.R
## Every tau2 estimator x test on two designs, with predict() at the first two studies.
suppressPackageStartupMessages({library(metafor); library(jsonlite)})
invisible(Sys.setlocale("LC_COLLATE", "C"))
ctl <- list(threshold=1e-12, tol=1e-12, maxiter=1000)
out <- list()
bcg <- read.csv("test/fixtures/metafor/dat.bcg.csv", stringsAsFactors=FALSE)
bcg <- escalc(measure="RR", ai=ai, bi=bi, ci=ci, di=di, data=bcg)
mol <- read.csv("test/fixtures/metafor/dat.molloy2014.csv", stringsAsFactors=FALSE)
mol <- escalc(measure="ZCOR", ri=ri, ni=ni, data=mol)
sets <- list(list(name="bcgRR", dat=bcg, f="~ ablat + factor(alloc)"), list(name="molloyZCOR", dat=mol, f="~ meanage + quality"))
for (s in sets) for (m in c("EE","DL","HE","HS","SJ","ML","REML","EB","PM")) for (t in c("z","knha")) {
  dat <- s$dat
  res <- rma.uni(yi, vi, mods = as.formula(s$f), data=dat, method=m, test=t, control=ctl)
  pr <- predict(res, newmods = res$X[1:2, -1, drop=FALSE])
  out[[length(out)+1]] <- list(set=s$name, mods=s$f, method=m, test=t,
    beta=as.numeric(res$beta), se=res$se, zval=res$zval, pval=res$pval, ci.lb=res$ci.lb, ci.ub=res$ci.ub,
    vb=as.numeric(res$vb), tau2=res$tau2, se.tau2=if (is.na(res$se.tau2)) NULL else res$se.tau2,
    I2=res$I2, H2=res$H2, R2=res$R2, QM=res$QM, QMp=res$QMp, QE=res$QE, QEp=res$QEp,
    fit=as.numeric(as.matrix(res$fit.stats)), pred=as.numeric(pr$pred), pred.se=as.numeric(pr$se),
    pi.lb=if (all(is.na(pr$pi.lb))) NULL else as.numeric(pr$pi.lb), pi.ub=if (all(is.na(pr$pi.ub))) NULL else as.numeric(pr$pi.ub),
    ci.lb.pred=as.numeric(pr$ci.lb))
}
writeLines(toJSON(out, digits=NA, auto_unbox=TRUE, null="null"), "test/unit/regression/metafor-methods.json")
