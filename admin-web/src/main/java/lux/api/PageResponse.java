package lux.api;

import java.util.List;
import java.util.function.Function;
import lux.shared.InvalidInputException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;

/**
 * Every list in the API: one page of items and where it sits (page numbers start at 0).
 */
public record PageResponse<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    static final int MAX_SIZE = 200;

    static <S, T> PageResponse<T> of(Page<S> page, Function<S, T> mapper) {
        return new PageResponse<>(page.getContent().stream().map(mapper).toList(), page.getNumber(), page.getSize(),
                page.getTotalElements(), page.getTotalPages());
    }

    /** Pages a list the service returns whole (templates, tags: small by nature). */
    static <T> PageResponse<T> ofList(List<T> all, Pageable pageable) {
        int from = (int) Math.min(all.size(), pageable.getOffset());
        int to = Math.min(all.size(), from + pageable.getPageSize());
        int pages = (all.size() + pageable.getPageSize() - 1) / pageable.getPageSize();
        return new PageResponse<>(all.subList(from, to), pageable.getPageNumber(), pageable.getPageSize(), all.size(),
                pages);
    }

    static Pageable request(int page, int size) {
        if (page < 0) {
            throw new InvalidInputException("page", "page starts at 0; " + page + " is not a page.");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidInputException("size",
                    "size must be between 1 and " + MAX_SIZE + "; it was " + size + ".");
        }
        return PageRequest.of(page, size);
    }
}
