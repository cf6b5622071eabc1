# Renders metafor 3.8-1's figures to PNG for the side-by-side audit in docs/figures-vs-metafor.md:
# forest, funnel, radial, baujat, L'Abbé (2x2 data only), GOSH (small k only), regplot (bubble),
# leave-one-out and cumulative forest plots and the influence plot, for dat.bcg (RR), dat.hackshaw1998
# (OR, yi/vi), dat.normand1999 (MD) and a SYNTHETIC k = 200 table (made-up numbers, not evidence).
#
#   Rscript scripts/figures-metafor.R [OUTDIR]      (default out/figures/metafor; out/ is not committed)
#
# Every file is named DATASET-FIGURE.png, the names scripts/figures-metasynth.ts writes, so
# scripts/figures-side-by-side.ts can pair them. The calls are metafor's documented defaults; the
# model is REML everywhere (metafor's default and metasynth's).
suppressPackageStartupMessages(library(metafor))
stopifnot(as.character(packageVersion("metafor")) == "3.8.1")

args <- commandArgs(trailingOnly = TRUE)
outdir <- if (length(args) >= 1) args[1] else file.path("out", "figures", "metafor")
dir.create(outdir, recursive = TRUE, showWarnings = FALSE)

# One figure: a PNG at 100 dpi (what a screen shows at 100%), `height` in inches.
figure <- function(name, draw, width = 8, height = 6) {
  png(file.path(outdir, paste0(name, ".png")), width = width, height = height, units = "in", res = 100)
  on.exit(dev.off())
  draw()
  invisible(NULL)
}

# SYNTHETIC: the k = 200 table of test/pixels/full (same closed formula, i = 0..199), not evidence.
synthetic_k200 <- function(k = 200) {
  i <- 0:(k - 1)
  data.frame(
    study = paste("Synthetic study", i + 1),
    yi = -0.4 + 0.5 * sin(i * 1.3) + 0.2 * cos(i * 0.7),
    vi = 0.004 + (0.4 * ((i * 37) %% 101)) / 100,
    dose = (i * 13) %% 50
  )
}

data(dat.bcg, package = "metadat")
data(dat.hackshaw1998, package = "metadat")
data(dat.normand1999, package = "metadat")

bcg <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg,
              slab = paste0(author, ", ", year))
hackshaw <- escalc(measure = "OR", yi = yi, vi = vi, data = dat.hackshaw1998,
                   slab = paste0(author, ", ", year))
normand <- escalc(measure = "MD", m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i, n2i = n2i,
                  data = dat.normand1999, slab = as.character(source))
synthetic <- synthetic_k200()
synthetic <- escalc(measure = "GEN", yi = yi, vi = vi, data = synthetic, slab = study)

# name, escalc table, back-transform (NULL: none), moderator for regplot (NULL: none), whether the
# table has 2x2 counts (labbe) and is small enough for GOSH (2^k - 1 fits)
DATASETS <- list(
  list(name = "bcg", dat = bcg, transf = exp, mod = "ablat", labbe = TRUE, gosh = TRUE),
  list(name = "hackshaw", dat = hackshaw, transf = exp, mod = "year", labbe = FALSE, gosh = FALSE),
  list(name = "normand", dat = normand, transf = NULL, mod = NULL, labbe = FALSE, gosh = TRUE),
  list(name = "synthetic-k200", dat = synthetic, transf = exp, mod = "dose", labbe = FALSE, gosh = FALSE)
)

# Height in inches of a forest plot of k rows (metafor's rows are about 1/6 inch at cex 1).
forest_height <- function(k) max(5, 1.6 + k * 0.17)

render_dataset <- function(d) {
  res <- rma(yi, vi, data = d$dat)
  k <- res$k
  atransf <- if (is.null(d$transf)) FALSE else d$transf
  n <- d$name
  fh <- forest_height(k)
  figure(paste0(n, "-forest"), function() {
    if (is.null(d$transf)) forest(res, header = TRUE, addpred = TRUE) else forest(res, atransf = d$transf, header = TRUE, addpred = TRUE)
  }, height = fh)
  figure(paste0(n, "-funnel"), function() funnel(res))
  figure(paste0(n, "-funnel-contours"), function() funnel(res, level = c(90, 95, 99), shade = c("white", "gray55", "gray75"), refline = 0, legend = TRUE))
  figure(paste0(n, "-radial"), function() {
    if (is.null(d$transf)) radial(res) else radial(res, atransf = d$transf)
  }, width = 7, height = 7)
  figure(paste0(n, "-baujat"), function() baujat(res))
  figure(paste0(n, "-influence"), function() plot(influence(res)), height = 8)
  l1o <- leave1out(res)
  figure(paste0(n, "-leave1out"), function() {
    if (is.null(d$transf)) forest(l1o$estimate, sei = l1o$se, slab = l1o$slab, header = c("Study omitted", "Estimate [95% CI]"), refline = coef(res))
    else forest(l1o$estimate, sei = l1o$se, slab = l1o$slab, header = c("Study omitted", "Estimate [95% CI]"), refline = coef(res), atransf = d$transf)
  }, height = fh)
  cum <- cumul(res)
  figure(paste0(n, "-cumulative"), function() {
    if (is.null(d$transf)) forest(cum, header = TRUE) else forest(cum, atransf = d$transf, header = TRUE)
  }, height = fh)
  if (!is.null(d$mod)) {
    reg <- rma(yi, vi, mods = as.formula(paste("~", d$mod)), data = d$dat)
    figure(paste0(n, "-bubble"), function() {
      if (is.null(d$transf)) regplot(reg, pi = TRUE, legend = TRUE, xlab = d$mod)
      else regplot(reg, pi = TRUE, legend = TRUE, xlab = d$mod, transf = d$transf)
    })
  }
  if (d$gosh) {
    g <- gosh(res, progbar = FALSE)
    figure(paste0(n, "-gosh"), function() plot(g, pch = 16, cex = 0.4, breaks = 40), width = 7, height = 7)
  }
}

# L'Abbé plots need the 2x2 counts: refit bcg from them (labbe() reads ai..di from the fit).
bcg_counts <- rma(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg,
                  slab = paste0(author, ", ", year))
for (d in DATASETS) {
  if (d$labbe) figure(paste0(d$name, "-labbe"), function() labbe(bcg_counts))
  render_dataset(d)
}
cat("metafor", as.character(packageVersion("metafor")), "figures written to", outdir, "\n")
