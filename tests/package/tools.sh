#!/usr/bin/env bash
# Runs its arguments when the packaging tools are there; exit 77 (skip) when not.
for tool in cpack dpkg-deb dpkg-shlibdeps; do
	command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed (ci/install-deps)"; exit 77; }
done
exec "$@"
