// The command's input files (see text_file.hpp).
#include "text_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace millwright::cli {

namespace {

bool fail(const char* what, const std::string& path, const std::string& why) {
    std::fprintf(stderr, "millwright: error: cannot read %s `%s`: %s\n", what, path.c_str(),
                 why.c_str());
    return false;
}

} // namespace

bool read_text_file(const std::string& path, const char* what, std::string& text) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
        return fail(what, path, "it is a directory");
    }
    if (const auto size = std::filesystem::file_size(path, error);
        !error && size > max_input_file_bytes) {
        return fail(what, path,
                    "it is " + std::to_string(size) + " bytes, more than the limit of " +
                        std::to_string(max_input_file_bytes));
    }
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return fail(what, path, std::strerror(errno));
    }
    std::ostringstream buffer;
    buffer << file.rdbuf();
    if (file.bad()) {
        return fail(what, path, "read failed");
    }
    text = buffer.str();
    return true;
}

} // namespace millwright::cli
