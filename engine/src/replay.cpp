// Replay: read a JSONL stream in large blocks, hand each line to the engine in place (the line
// reader needs readable padding past a line's end, which the block provides), and write decisions
// through one growing buffer flushed in large writes. No per-line allocation once warm. While a
// line is decided, the work orders of the next three lines are already loading into the cache
// (LookAhead): a few hundred instructions a line to find their ids, for misses that cost more.
#include "millwright/replay.hpp"

#include "engine_impl.hpp"

#include <array>
#include <cstring>
#include <optional>
#include <vector>

namespace millwright {

namespace {

constexpr std::size_t block_size = 1u << 20;
constexpr std::size_t flush_size = 1u << 20;

/// What BlockReader::next found.
enum class Read {
    line,     ///< a line
    too_long, ///< a line longer than the cap, skipped to its end without being kept
    end,      ///< the end of the input
};

class BlockReader {
public:
    /// Lines longer than `max_line` bytes are skipped (Read::too_long): the block holds at most
    /// that much of a line, so memory stays bounded whatever the input.
    BlockReader(std::FILE* in, std::size_t max_line) : in_(in), max_line_(max_line) {
        buffer_.resize(block_size + detail::LineReader::padding());
    }

    /// The next line without its terminator (a final "\r" is dropped too). `capacity` is set
    /// to how many readable bytes start at the line.
    Read next(std::string_view& line, std::size_t& capacity) {
        for (;;) {
            const char* begin = buffer_.data() + start_;
            const char* newline = nullptr;
            if (peeked_ > 0) { // its end is known already
                newline = buffer_.data() + peeked_ends_[peeked_first_];
                peeked_first_ = (peeked_first_ + 1) % max_peeked;
                --peeked_;
            } else {
                newline = static_cast<const char*>(std::memchr(begin, '\n', end_ - start_));
            }
            if (newline != nullptr) {
                line = std::string_view(begin, static_cast<std::size_t>(newline - begin));
                start_ += line.size() + 1;
                return finish(line, capacity);
            }
            if (eof_) {
                if (start_ == end_ && !skipping_) {
                    return Read::end;
                }
                line = std::string_view(begin, end_ - start_);
                start_ = end_;
                return finish(line, capacity);
            }
            if (end_ - start_ > max_line_) {
                skipping_ = true; // its end is still to come: drop what there is of it
            }
            if (skipping_) {
                start_ = end_;
            }
            refill();
        }
    }

    /// The next complete line in the block after those already consumed or peeked at, without
    /// consuming it; false when the block holds no further complete line, or `max_peeked`
    /// lines are peeked at and not yet consumed. next() then finds their ends known.
    bool peek(std::string_view& line) {
        if (peeked_ == max_peeked) {
            return false;
        }
        const std::size_t from = peeked_ > 0 ? scan_ : start_;
        const char* begin = buffer_.data() + from;
        const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', end_ - from));
        if (newline == nullptr) {
            return false;
        }
        line = std::string_view(begin, static_cast<std::size_t>(newline - begin));
        scan_ = from + line.size() + 1;
        peeked_ends_[(peeked_first_ + peeked_) % max_peeked] = scan_ - 1;
        ++peeked_;
        return true;
    }

    static constexpr std::size_t max_peeked = 4;

    std::uint64_t bytes_read() const { return bytes_read_; }

private:
    Read finish(std::string_view& line, std::size_t& capacity) {
        if (skipping_ || line.size() > max_line_) {
            skipping_ = false;
            line = {};
            return Read::too_long;
        }
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        capacity = static_cast<std::size_t>(buffer_.data() + buffer_.size() - line.data());
        return Read::line;
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
    std::size_t max_line_;
    bool skipping_ = false; ///< inside a line longer than max_line_, reading to its end
    std::vector<char> buffer_;
    std::size_t start_ = 0;
    std::size_t end_ = 0;
    // Lines peeked at and not consumed: the offsets of their line feeds, oldest first. Every
    // one lies before a refill (only a line without its line feed in the block makes one).
    std::array<std::size_t, max_peeked> peeked_ends_{};
    std::size_t peeked_first_ = 0;
    std::size_t peeked_ = 0;
    std::size_t scan_ = 0; ///< where the line after the peeked ones starts
    bool eof_ = false;
    std::uint64_t bytes_read_ = 0;
};

/// The value of a line's `"wo"` key, found without parsing the line (the look-ahead's guess;
/// an escaped id or an odd layout gives an empty view, and nothing is prefetched).
std::string_view work_order_id_in(std::string_view line) {
    // Found by its `w`: a search for the whole key would stop at every quote of the line.
    if (line.size() < 8) { // shorter than {"wo":""}
        return {};
    }
    const char* const end = line.data() + line.size();
    const char* p = line.data() + 1;
    for (;; ++p) {
        p = static_cast<const char*>(std::memchr(p, 'w', static_cast<std::size_t>(end - p)));
        if (p == nullptr || end - p < 5) {
            return {};
        }
        if (p[-1] == '"' && p[1] == 'o' && p[2] == '"' && p[3] == ':') {
            break;
        }
    }
    for (p += 4; p < end && *p == ' '; ++p) {
    }
    if (p == end || *p != '"') {
        return {};
    }
    const char* const first = ++p;
    for (; p < end && *p != '"'; ++p) {
        if (*p == '\\') {
            return {};
        }
    }
    return p == end ? std::string_view()
                    : std::string_view(first, static_cast<std::size_t>(p - first));
}

/// Reads the work-order ids of the next lines ahead and prefetches, in three steps a line
/// apart, what deciding each will read: the id's slot in the work-order index, then the work
/// order, then its fields. With about 10,000 open work orders, each event's work order is no
/// longer in the cache, and these three dependent misses were a fifth of replay's time.
class LookAhead {
public:
    explicit LookAhead(const Engine::Impl& engine) : engine_(engine) {}

    /// Called once per line consumed, before it is decided.
    void step(BlockReader& reader) {
        if (count_ > 0) {
            first_ = (first_ + 1) % depth;
            --count_;
        }
        std::string_view line;
        while (count_ < depth && reader.peek(line)) {
            Ahead& entry = ring_[(first_ + count_++) % depth];
            const std::string_view id = work_order_id_in(line);
            entry.has_id = !id.empty();
            entry.index.reset();
            if (entry.has_id) {
                entry.hash = detail::name_hash(id);
                engine_.prefetch_slot(entry.hash);
            }
        }
        if (count_ >= 2) {
            Ahead& entry = ring_[(first_ + 1) % depth];
            if (entry.has_id) {
                entry.index = engine_.prefetch_work_order(entry.hash);
            }
        }
        if (count_ >= 1) {
            const Ahead& entry = ring_[first_];
            if (entry.index) {
                engine_.prefetch_fields(*entry.index);
            }
        }
    }

private:
    static constexpr std::size_t depth = 3;
    struct Ahead {
        bool has_id = false;
        std::uint64_t hash = 0;
        std::optional<std::uint32_t> index;
    };
    const Engine::Impl& engine_;
    std::array<Ahead, depth> ring_{};
    std::size_t first_ = 0; ///< the entry of the line after the one being decided
    std::size_t count_ = 0;
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
    BlockReader reader(in, engine.impl_->options.max_line_bytes);
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
        if (output.size() >= flush_size) { // one input may bring many lines due
            std::fwrite(output.data(), 1, output.size(), out);
            output.clear();
        }
    });
    LookAhead look_ahead(*engine.impl_);
    for (Read read; (read = reader.next(line, capacity)) != Read::end;) {
        look_ahead.step(reader);
        ++summary.lines;
        const Decision& decision = read == Read::line
                                       ? engine.handle_padded_line(line, capacity, summary.lines)
                                       : engine.impl_->too_long_line(summary.lines);
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
