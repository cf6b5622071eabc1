#!/usr/bin/env bash
# Installs what executing the notebooks needs: Debian's jupyter-nbconvert and python3-nbclient, and
# the Deno Jupyter kernel from the `deno` npm devDependency (its binary comes in an npm optional
# dependency; nothing else is downloaded). Called by .ci/run before the notebooks are executed.
# Waits for the dpkg lock when another apt run holds it.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if ! /usr/bin/jupyter nbconvert --version >/dev/null 2>&1 || ! /usr/bin/python3 -c 'import nbclient' >/dev/null 2>&1; then
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    if $SUDO apt-get -o DPkg::Lock::Timeout=120 update -y && \
       DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=120 install -y --no-install-recommends \
         jupyter-nbconvert python3-nbclient; then
      break
    fi
    echo "apt-get failed (attempt $attempt); retrying in 15 s" >&2
    sleep 15
  done
fi
/usr/bin/jupyter nbconvert --version

# The deno binary ships in an optional dependency of the `deno` npm package (installed by npm ci).
npx --no-install deno --version
npx --no-install deno jupyter --install --force
# Debian ships no `jupyter kernelspec` command without jupyter-client's CLI; ask the library instead.
/usr/bin/python3 -c 'from jupyter_client.kernelspec import KernelSpecManager; specs = KernelSpecManager().find_kernel_specs(); print(specs); assert "deno" in specs'
