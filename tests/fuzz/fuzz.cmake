# The differential fuzzers (libFuzzer, clang only): each kernel and KDF against an independent
# implementation linked natively. scripts/fuzz.sh builds them in build/fuzz and runs each for a
# bounded time over its regression inputs (tests/fuzz/regressions/<fuzzer>/).
find_package(OpenSSL REQUIRED)
find_package(ZLIB REQUIRED)
find_library(XXHASH_LIBRARY xxhash REQUIRED)
find_library(ARGON2_LIBRARY argon2 REQUIRED)
find_library(B2_LIBRARY b2 REQUIRED)

add_library(fuzz_oracle STATIC tests/fuzz/oracle.cpp)
target_link_libraries(fuzz_oracle PUBLIC parahash_core OpenSSL::Crypto ZLIB::ZLIB ${XXHASH_LIBRARY} ${B2_LIBRARY})

foreach(fuzzer fuzz_kernels fuzz_kdfs)
  add_executable(${fuzzer} tests/fuzz/${fuzzer}.cpp)
  target_link_libraries(${fuzzer} PRIVATE fuzz_oracle ${ARGON2_LIBRARY})
  target_link_options(${fuzzer} PRIVATE -fsanitize=fuzzer)
endforeach()
