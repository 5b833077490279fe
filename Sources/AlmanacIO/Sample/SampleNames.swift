/// Vietnamese names for synthetic data: border provinces, trading partners, products.
enum SampleNames {
    static let provinces = ["Hà Giang", "Cao Bằng", "Lào Cai", "Lạng Sơn", "Điện Biên", "Lai Châu", "Quảng Ninh", "Sơn La", "Tuyên Quang", "Yên Bái"]
    static let partners = ["Trung Quốc", "Hàn Quốc", "Nhật Bản", "Hoa Kỳ", "Thái Lan", "Lào", "Campuchia", "Singapore", "Đài Loan",
                           "Hồng Kông", "Ấn Độ", "Úc", "Đức", "Pháp", "Anh", "Hà Lan", "Nga", "Malaysia", "Indonesia", "Philippines",
                           "Canada", "Ý", "Tây Ban Nha", "Bỉ", "Thụy Sĩ"]
    static let productBases = ["Chè", "Cà phê", "Gạo", "Cao su", "Hạt điều", "Hồ tiêu", "Sắn", "Thanh long", "Vải thiều", "Chuối",
                                "Xoài", "Dưa hấu", "Rau quả", "Thủy sản", "Gỗ", "Đồ gỗ", "Than đá", "Quặng sắt", "Đồng", "Kẽm",
                                "Phân bón", "Hóa chất", "Xi măng", "Sắt thép", "Máy móc", "Thiết bị điện", "Điện thoại", "Linh kiện",
                                "Dệt may", "Giày dép", "Vải", "Sợi", "Nhựa", "Cao lanh", "Dược liệu", "Thảo quả", "Quế", "Hồi",
                                "Mật ong", "Gia súc", "Thịt", "Sữa", "Đường", "Bánh kẹo", "Thức ăn chăn nuôi", "Ô tô", "Xe máy",
                                "Pin", "Đá quý", "Giấy"]
    static let grades = ["thô", "chế biến", "tinh chế"]

    static func product(_ i: Int) -> String {
        "\(productBases[i % productBases.count]) (\(grades[(i / productBases.count) % grades.count]))"
    }
    static var productCount: Int { productBases.count * grades.count }
}
