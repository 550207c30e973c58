package com.example.orders;

import java.math.BigDecimal;
import java.util.List;

/** An order as a customer places it. */
public record Order(String id, String customer, List<Line> lines) {
    public record Line(String sku, int quantity, BigDecimal unitPrice) {
    }
}
