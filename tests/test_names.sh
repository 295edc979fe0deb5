#!/usr/bin/env bash
# catch_discover_tests cuts a test's name at ';', and ctest then runs a
# filter that matches nothing and reports it passed: no test name may hold one.
set -u
bad=$(grep -rnE '(TEST_CASE|SECTION)\("[^"]*;' "$1" --include='*.cpp')
if [ -n "$bad" ]; then
  echo "test names with ';' (ctest would run nothing for them):"
  echo "$bad"
  exit 1
fi
