# ctest helper: fails when translations/sieve_fr.ts lacks strings that are in the sources (or
# keeps ones that are gone). Runs lupdate into a scratch copy and compares the sets of
# (context, source) pairs, so formatting differences do not matter.
# It uses the lupdate project that qt_add_translations wrote (sources with their include paths,
# so that lupdate resolves classes and contexts exactly as the update_translations target does).
#   cmake -DLUPDATE=... -DTS=... -DSCRATCH=... -DPROJECT_IN=... -DPROJECT_GENERATOR=... -P check_in_sync.cmake
execute_process(COMMAND "${CMAKE_COMMAND}" -DIN_FILE=${PROJECT_IN} -DOUT_FILE=${SCRATCH}.json -P "${PROJECT_GENERATOR}"
                RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "writing the lupdate project failed: ${output}")
endif()
file(COPY_FILE "${TS}" "${SCRATCH}")
execute_process(COMMAND "${LUPDATE}" -silent -project "${SCRATCH}.json" -no-obsolete -locations none -ts "${SCRATCH}"
                RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "lupdate failed: ${output}")
endif()

function(messages file out)
  file(READ "${file}" text)
  string(REGEX MATCHALL "<name>[^<]*</name>|<source>[^<]*</source>" items "${text}")
  set(context "")
  set(pairs "")
  foreach(item IN LISTS items)
    if(item MATCHES "^<name>(.*)</name>$")
      set(context "${CMAKE_MATCH_1}")
    else()
      string(MD5 key "${context}|${item}")
      list(APPEND pairs "${key}")
    endif()
  endforeach()
  list(SORT pairs)
  set(${out} "${pairs}" PARENT_SCOPE)
endfunction()

messages("${TS}" committed)
messages("${SCRATCH}" current)
list(LENGTH committed committed_count)
list(LENGTH current current_count)
if(NOT committed STREQUAL current)
  message(FATAL_ERROR "translations/sieve_fr.ts is out of date (${committed_count} strings; the sources have "
                      "${current_count}). Run: cmake --build --preset debug --target update_translations")
endif()
message(STATUS "sieve_fr.ts is in sync: ${current_count} strings")
