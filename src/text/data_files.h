// The data files of src/text/data embedded in the binary (stopwords,
// abbreviations), by file name. Private to the text module.
#ifndef WARTA_TEXT_DATA_FILES_H_
#define WARTA_TEXT_DATA_FILES_H_

#include <string_view>

namespace warta::text {

// The bytes of data/<name>, or "" when there is no such file.
std::string_view DataFile(std::string_view name);

}  // namespace warta::text

#endif  // WARTA_TEXT_DATA_FILES_H_
