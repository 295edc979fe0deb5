# Writes OUT: a .cpp defining `extern const char NAME[]` holding the bytes of
# IN, NUL-terminated. Run as `cmake -DIN=... -DOUT=... -DNAME=... -P embed.cmake`
# so a changed page is embedded again at the next build. Bytes, not a string
# literal: the page's quotes, backslashes and `@` need no escaping.
file(READ "${IN}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
string(REGEX REPLACE "(('[^']+',){16})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUT}.tmp" "// Generated from ${IN} by sim/help/embed.cmake. Do not edit.\nnamespace gs::help::embedded {\nextern const char ${NAME}[];\nconst char ${NAME}[] = {\n${bytes}'\\0'};\n}  // namespace gs::help::embedded\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
