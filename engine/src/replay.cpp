// Replay: read a JSONL stream in large blocks, hand each line to the engine in place (the line
// reader needs readable padding past a line's end, which the block provides), and write decisions
// through one growing buffer flushed in large writes. No per-line allocation once warm.
#include "millwright/replay.hpp"

#include "engine_impl.hpp"

#include <cstring>
#include <vector>

namespace millwright {

namespace {

constexpr std::size_t block_size = 1u << 20;
constexpr std::size_t flush_size = 1u << 20;

class BlockReader {
public:
    explicit BlockReader(std::FILE* in) : in_(in) {
        buffer_.resize(block_size + detail::LineReader::padding());
    }

    /// The next line without its terminator (a final "\r" is dropped too); false at the end.
    /// `capacity` is set to how many readable bytes start at the line.
    bool next(std::string_view& line, std::size_t& capacity) {
        for (;;) {
            const char* begin = buffer_.data() + start_;
            const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', end_ - start_));
            if (newline != nullptr) {
                line = std::string_view(begin, static_cast<std::size_t>(newline - begin));
                start_ += line.size() + 1;
                return finish(line, capacity);
            }
            if (eof_) {
                if (start_ == end_) {
                    return false;
                }
                line = std::string_view(begin, end_ - start_);
                start_ = end_;
                return finish(line, capacity);
            }
            refill();
        }
    }

    std::uint64_t bytes_read() const { return bytes_read_; }

private:
    bool finish(std::string_view& line, std::size_t& capacity) {
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        capacity = static_cast<std::size_t>(buffer_.data() + buffer_.size() - line.data());
        return true;
    }

    void refill() {
        // Keep the unfinished line, and grow the block if a single line fills it.
        const std::size_t kept = end_ - start_;
        std::memmove(buffer_.data(), buffer_.data() + start_, kept);
        start_ = 0;
        end_ = kept;
        const std::size_t padding = detail::LineReader::padding();
        if (buffer_.size() - padding - end_ < block_size / 2) {
            buffer_.resize(buffer_.size() * 2);
        }
        const std::size_t room = buffer_.size() - padding - end_;
        const std::size_t got = std::fread(buffer_.data() + end_, 1, room, in_);
        bytes_read_ += got;
        end_ += got;
        if (got < room) {
            eof_ = true;
        }
        std::memset(buffer_.data() + end_, ' ', buffer_.size() - end_);
    }

    std::FILE* in_;
    std::vector<char> buffer_;
    std::size_t start_ = 0;
    std::size_t end_ = 0;
    bool eof_ = false;
    std::uint64_t bytes_read_ = 0;
};

void count(ReplaySummary& summary, const Decision& decision) {
    ++summary.events;
    if (decision.ok) {
        ++summary.accepted;
    } else if (decision.error == "malformed_line") {
        ++summary.malformed;
    } else {
        ++summary.rejected;
    }
}

} // namespace

ReplaySummary replay(Engine& engine, std::FILE* in, std::FILE* out, const ReplayOptions& options) {
    ReplaySummary summary;
    BlockReader reader(in);
    std::string output;
    output.reserve(flush_size + 4096);
    std::string_view line;
    std::size_t capacity = 0;
    // Fired timers write their lines before the line of the event that passed their due time.
    engine.on_engine_decision([&](const Decision& decision) {
        if (decision.origin == "sla") {
            ++(decision.event.ends_with("_breach") ? summary.sla_breaches : summary.sla_warnings);
        } else if (decision.origin == "approval") {
            ++summary.approval_timeouts;
        } else if (decision.origin == "pm" || decision.origin == "trigger") {
            ++summary.pm_lines;
        } else {
            ++summary.timers_fired;
            summary.timers_failed += decision.ok ? 0 : 1;
        }
        decision.append_json(output);
        output.push_back('\n');
    });
    while (reader.next(line, capacity)) {
        ++summary.lines;
        const Decision& decision = engine.handle_padded_line(line, capacity, summary.lines);
        count(summary, decision);
        decision.append_json(output);
        output.push_back('\n');
        if (output.size() >= flush_size) {
            std::fwrite(output.data(), 1, output.size(), out);
            output.clear();
        }
        if (options.progress && summary.lines % options.progress_every == 0) {
            summary.bytes_read = reader.bytes_read();
            options.progress(summary);
        }
    }
    engine.on_engine_decision(nullptr);
    std::fwrite(output.data(), 1, output.size(), out);
    std::fflush(out);
    summary.bytes_read = reader.bytes_read();
    return summary;
}

} // namespace millwright
