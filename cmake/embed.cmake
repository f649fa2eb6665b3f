# warta_embed(OUTPUT out.cc NAMESPACE ns FUNCTION fn [BASE dir] FILES a b ...)
# Generates a .cc defining
#   const std::vector<std::pair<std::string_view, std::string_view>>& ns::fn();
# holding each file's name (relative to BASE when given, else its base name)
# and bytes, sorted by name. Regenerated when a
# file changes.
function(warta_embed)
  cmake_parse_arguments(E "" "OUTPUT;NAMESPACE;FUNCTION;BASE" "FILES" ${ARGN})
  string(REPLACE ";" "|" files_arg "${E_FILES}")
  add_custom_command(
    OUTPUT ${E_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${E_OUTPUT} -DNAMESPACE=${E_NAMESPACE}
            -DFUNCTION=${E_FUNCTION} "-DFILES=${files_arg}" "-DBASE=${E_BASE}"
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_run.cmake
    DEPENDS ${E_FILES} ${PROJECT_SOURCE_DIR}/cmake/embed_run.cmake
    COMMENT "Embedding ${E_FUNCTION}"
    VERBATIM)
endfunction()
