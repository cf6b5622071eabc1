## Generates metafor-edge-cases.json (metafor 3.8-1, R 4.2): Rscript metafor-edge-cases.R
## Hand-made edge cases for test/unit/pool/edgeCases.test.ts; R is not needed to run the tests.
suppressPackageStartupMessages({library(metafor); library(jsonlite)})
ds <- list(
  k2 = list(yi=c(0.2, 0.9), vi=c(0.04, 0.09)),
  equal = list(yi=c(0.3,0.3,0.3,0.3), vi=c(0.01,0.02,0.03,0.04)),
  boundary = list(yi=c(0.10, 0.12, 0.09, 0.11, 0.105), vi=c(0.01, 0.02, 0.015, 0.03, 0.025)),
  extreme = list(yi=c(0.1, 0.5, -0.3, 0.8, 0.2), vi=c(1e-8, 1e4, 0.5, 2e-6, 30)),
  k1 = list(yi=c(0.5), vi=c(0.04))
)
out <- list()
for (n in names(ds)) for (m in c("EE","DL","HE","HS","HSk","SJ","ML","REML","EB","PM")) for (t in c("z","knha")) {
  d <- ds[[n]]
  r <- tryCatch(suppressWarnings(rma.uni(d$yi, d$vi, method=m, test=t, control=list(threshold=1e-12, tol=1e-12, maxiter=1000))), error=function(e) conditionMessage(e))
  if (is.character(r)) { out[[paste(n,m,t,sep="/")]] <- list(error=r); next }
  p <- predict(r)
  ci <- tryCatch(confint(r, control=list(tol=1e-12, maxiter=1000))$random, error=function(e) NULL)
  out[[paste(n,m,t,sep="/")]] <- list(estimate=r$beta[1], se=r$se, zval=r$zval, pval=r$pval, ci.lb=r$ci.lb, ci.ub=r$ci.ub,
    tau2=r$tau2, se.tau2=r$se.tau2, I2=r$I2, H2=r$H2, QE=r$QE, QEp=r$QEp, pi.lb=p$pi.lb, pi.ub=p$pi.ub,
    weights=unname(weights(r)), ll.ML=r$fit.stats["ll","ML"], ll.REML=r$fit.stats["ll","REML"],
    ci.tau2=if (is.null(ci)) NULL else unname(ci[1,]))
}
mh <- data.frame(ai=c(0,2,5,0,1), bi=c(20,18,15,25,30), ci=c(0,4,8,3,0), di=c(20,16,12,22,31))
for (m in c("OR","RR","RD")) {
  r <- rma.mh(ai=ai, bi=bi, ci=ci, di=di, data=mh, measure=m)
  out[[paste0("mh/", m)]] <- list(estimate=r$beta[1], se=r$se, zval=r$zval, pval=r$pval, QE=r$QE, QEp=r$QEp, I2=r$I2, H2=r$H2, k=r$k, k.yi=r$k.yi,
     MH=r$MH, MHp=r$MHp, BD=r$BD, BDp=r$BDp, TA=r$TA, TAp=r$TAp, weights=unname(weights(r)), ll.ML=r$fit.stats["ll","ML"], ll.REML=r$fit.stats["ll","REML"])
}
r <- rma.peto(ai=ai, bi=bi, ci=ci, di=di, data=mh)
out[["peto"]] <- list(estimate=r$beta[1], se=r$se, QE=r$QE, QEp=r$QEp, I2=r$I2, H2=r$H2, k.yi=r$k.yi, weights=unname(weights(r)), ll.ML=r$fit.stats["ll","ML"], ll.REML=r$fit.stats["ll","REML"])
writeLines(toJSON(out, digits=NA, auto_unbox=TRUE, na="null", pretty=TRUE), "metafor-edge-cases.json")
