impl ::fastrs::__private::Scalar for UserId {
    fn parse(
        raw: &str,
    ) -> ::core::result::Result<Self, ::fastrs::__private::ScalarError> {
        <u64 as ::fastrs::__private::Scalar>::parse(raw).map(Self)
    }
    fn as_number(&self) -> ::core::option::Option<::fastrs::__private::Num> {
        <u64 as ::fastrs::__private::Scalar>::as_number(&self.0)
    }
    fn as_str(&self) -> ::core::option::Option<&str> {
        <u64 as ::fastrs::__private::Scalar>::as_str(&self.0)
    }
}
