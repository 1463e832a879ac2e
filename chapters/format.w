@q format.w: how cweave should typeset the types of modern C. @>
@q Included in the limbo of book.w, so every chapter sees these. @>
@q Each @@s line tells cweave that a name from a standard header is a type, @>
@q so that declarations and casts typeset as they read. @>
@s uint8_t int
@s uint16_t int
@s uint32_t int
@s uint64_t int
@s int8_t int
@s int16_t int
@s int32_t int
@s int64_t int
@s size_t int
@s ssize_t int
@s bool int
@s FILE int
@s va_list int
@s socklen_t int
@s nfds_t int
@s pid_t int
@s uid_t int
@s gid_t int
@s _Static_assert static_assert
@s _Noreturn static
@s restrict const
@s line x
