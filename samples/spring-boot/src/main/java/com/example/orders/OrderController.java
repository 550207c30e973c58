package com.example.orders;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;

/** The order API on Reactor Netty. The AWS clients block, so their calls run on Reactor's bounded elastic threads. */
@RestController
@RequestMapping("/orders")
public class OrderController {
    private final OrderService orders;

    public OrderController(OrderService orders) {
        this.orders = orders;
    }

    @PostMapping
    public Mono<ResponseEntity<PlacedOrder>> place(@RequestBody Order order) {
        return Mono.fromCallable(() -> orders.place(order))
                .subscribeOn(Schedulers.boundedElastic())
                .map(placed -> ResponseEntity.created(URI.create("/orders/" + placed.id())).body(placed));
    }

    @GetMapping("/{id}")
    public Mono<ResponseEntity<PlacedOrder>> find(@PathVariable String id) {
        return Mono.fromCallable(() -> orders.find(id))
                .subscribeOn(Schedulers.boundedElastic())
                .map(found -> found.map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.notFound().build()));
    }

    @GetMapping("/{id}/receipt")
    public Mono<Receipt> receipt(@PathVariable String id) {
        return Mono.fromCallable(() -> orders.receipt(id)).subscribeOn(Schedulers.boundedElastic());
    }
}
