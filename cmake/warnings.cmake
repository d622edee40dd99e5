# Strict warnings, set per target (never through global flag variables).
function(spawncheck_c_target target)
  set_target_properties(${target} PROPERTIES C_STANDARD 11 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wundef -Wcast-qual
    -Wconversion -Wsign-conversion -Werror=strict-prototypes -Wwrite-strings
    -Werror=implicit-function-declaration)
endfunction()

function(spawncheck_cxx_target target)
  set_target_properties(${target} PROPERTIES CXX_STANDARD 20 CXX_STANDARD_REQUIRED ON CXX_EXTENSIONS OFF)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wundef -Wcast-qual)
endfunction()
