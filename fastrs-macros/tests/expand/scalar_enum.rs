impl ::fastrs::__private::Scalar for Color {
    fn parse(
        raw: &str,
    ) -> ::core::result::Result<Self, ::fastrs::__private::ScalarError> {
        ::fastrs::__private::parse_enum::<Self>(raw)
    }
}
