%% The measuring driver. It runs *inside* a node of the target system
%% (root/bin/erl -boot root/releases/1.0.0/start -run otp_bench main ...),
%% so nothing timed goes through distributed Erlang: clients, server and
%% release_handler are processes of the same node.
%%
%%   otp_bench main SECTION RESULTS_FILE MODE
%%
%% SECTION is one of setup | calls | cold | warm (run-otp.sh starts one
%% fresh node per section, and one per cold install); MODE is full | quick.
%% Each figure is appended to RESULTS_FILE as one JSON line
%% {"figure": NAME, "value": NUMBER, "unit": UNIT}; progress goes to stderr.
-module(otp_bench).
-export([main/1]).

-define(SERVER, counter_server).

main([Section, OutFile, Mode]) ->
    put(out, OutFile),
    put(quick, Mode =:= "quick"),
    try run(list_to_atom(Section)) of
        _ -> halt(0)
    catch C:R:St ->
        log("section ~s FAILED: ~p:~p~n~p", [Section, C, R, St]),
        halt(2)
    end.

%%====================================================================
%% Sections
%%====================================================================

%% Once per build: unpack the upgrade package. (1.0.0 is the target
%% system itself, installed from its tarball, permanent in RELEASES; it is
%% not unpacked again.) Not timed.
run(setup) ->
    {ok, "1.1.0"} = release_handler:unpack_release("counter-1.1.0"),
    log("releases: ~p", [[{V, S} || {_, V, _, S} <- release_handler:which_releases()]]);

%% Call throughput, heap per idle server, low-level code-change windows.
run(calls) ->
    Q = get(quick),
    {WarmMs, RunMs} = if Q -> {200, 500}; true -> {500, 2000} end,
    true = is_pid(whereis(?SERVER)),
    emit(call_uncontended, call_rate(1, WarmMs, RunMs), "calls/s"),
    emit(call_8_clients, call_rate(8, WarmMs, RunMs), "calls/s"),
    emit(heap_per_idle_server_bytes, heap_per_server(10000), "bytes"),
    %% The application's own server runs module counter_server too: stop
    %% the application so that loading the module versions back and forth
    %% below touches only the processes being measured.
    ok = application:stop(counter),
    Sizes = if Q -> [{1, 5}, {1000, 3}, {10000, 1}];
               true -> [{1, 21}, {1000, 11}, {10000, 5}, {100000, 3}]
            end,
    [lowlevel(N, Reps) || {N, Reps} <- Sizes],
    if Q -> log("quick mode: lowlevel_window_100000_us skipped", []); true -> ok end;

%% One install in a node that was just started: the first
%% install_release("1.1.0") of this node. run-otp.sh starts several such
%% nodes and takes the median of the samples. The node goes back to
%% 1.0.0 afterwards (not timed) so that the next node starts the same way.
run(cold) ->
    true = is_pid(whereis(?SERVER)),
    Before = ?SERVER:incr(),
    {Us, R} = timer:tc(release_handler, install_release, ["1.1.0"]),
    {ok, _, _} = R,
    {state, C, _} = sys:get_state(?SERVER),
    true = C =:= Before,
    {ok, _, _} = release_handler:install_release("1.0.0"),
    true = is_integer(sys:get_state(?SERVER)),
    emit(install_cold_sample_ms, Us / 1000, "ms");

%% Warm installs, idle and then under 4 clients.
run(warm) ->
    Q = get(quick),
    {WarmUps, Pairs} = if Q -> {4, 2}; true -> {20, 10} end,
    true = is_pid(whereis(?SERVER)),
    put(shape_ok, true),
    put(went_back, 0),
    %% Idle: no clients. The count is read before and after each install
    %% (outside the timing) to check it survives the change of shape.
    Tracer = start_tracer(),
    Server = whereis(?SERVER),
    warm_up(WarmUps),
    Idle = [install_idle(Vsn, Tracer, Server)
            || _ <- lists:seq(1, Pairs), Vsn <- ["1.1.0", "1.0.0"]],
    emit(install_warm_idle_ms, median([T || {T, _} <- Idle]), "ms"),
    emit(install_warm_idle_ms_max, lists:max([T || {T, _} <- Idle]), "ms"),
    %% Not asked for, but it tells how much of the 4-client window is contention.
    emit(install_window_idle_ms, median([W || {_, W} <- Idle]), "ms"),
    loaded(),
    %% 4 clients calling incr in a tight loop throughout.
    clients_installs(4, WarmUps, Pairs, Tracer, Server),
    emit(state_shape_ok, bool(get(shape_ok)), "bool"),
    ok.

%%====================================================================
%% call_uncontended / call_8_clients
%%====================================================================

%% N client processes each call incr in a loop: WarmMs of warm-up, then
%% RunMs counted. Rate = all calls counted / (last end - first start).
call_rate(N, WarmMs, RunMs) ->
    Parent = self(),
    Now = erlang:monotonic_time(),
    WarmEnd = Now + ms_to_native(WarmMs),
    End = WarmEnd + ms_to_native(RunMs),
    Pids = [spawn_link(fun() -> Parent ! {self(), rate_client(WarmEnd, End)} end)
            || _ <- lists:seq(1, N)],
    Rs = [receive {P, R} -> R end || P <- Pids],
    Calls = lists:sum([C || {C, _, _} <- Rs]),
    T0 = lists:min([S || {_, S, _} <- Rs]),
    T1 = lists:max([E || {_, _, E} <- Rs]),
    Rate = Calls / native_to_s(T1 - T0),
    log("~w client(s): ~w calls, ~w calls/s", [N, Calls, round(Rate)]),
    Rate.

rate_client(WarmEnd, End) ->
    spin(WarmEnd, 0),
    T0 = erlang:monotonic_time(),
    Calls = spin(End, 0),
    {Calls, T0, erlang:monotonic_time()}.

%% Calls in batches of 16 between clock reads (a clock read costs a few
%% percent of a local call).
spin(Until, Count) ->
    calls16(),
    case erlang:monotonic_time() >= Until of
        true -> Count + 16;
        false -> spin(Until, Count + 16)
    end.

calls16() ->
    calls(16).
calls(0) -> ok;
calls(K) ->
    _ = gen_server:call(?SERVER, incr),
    calls(K - 1).

%%====================================================================
%% heap_per_idle_server_bytes
%%====================================================================

%% erlang:memory(processes) before and after spawning N idle servers
%% (1.0.0 state), each garbage collected. The driver's own growth (the list
%% of pids it holds) is measured and taken out.
heap_per_server(N) ->
    garbage_collect(),
    {memory, D0} = process_info(self(), memory),
    M0 = erlang:memory(processes),
    Pids = spawn_servers(N),
    [true = garbage_collect(P) || P <- Pids],
    garbage_collect(),
    M1 = erlang:memory(processes),
    {memory, D1} = process_info(self(), memory),
    {memory, One} = process_info(hd(Pids), memory),
    PerServer = (M1 - M0 - (D1 - D0)) / N,
    log("~w idle servers: ~.1f bytes each (process_info memory of one: ~w)",
        [N, PerServer, One]),
    stop_servers(Pids),
    PerServer.

spawn_servers(N) ->
    [begin {ok, P} = ?SERVER:start_link_anon(), P end || _ <- lists:seq(1, N)].

stop_servers(Pids) ->
    [begin unlink(P), exit(P, kill) end || P <- Pids],
    wait_dead(lists:last(Pids)).

wait_dead(P) ->
    case is_process_alive(P) of
        true -> timer:sleep(10), wait_dead(P);
        false -> ok
    end.

%%====================================================================
%% lowlevel_window[_N]_us
%%====================================================================

%% N unregistered counter_server processes (1.0.0 state). Timed, from
%% before the first sys:suspend to after the last sys:resume:
%%   sys:suspend each (one after the other, as release_handler does),
%%   code:soft_purge + code:load_binary of the 1.1.0 module,
%%   sys:change_code(P, counter_server, "1.0.0", []) each,
%%   sys:resume each.
%% Between repeats they are taken back to 1.0.0 the way a relup's down
%% section does it (suspend, change_code {down, "1.0.0"} in 1.1.0 code,
%% load 1.0.0, resume); that is not timed. Median of Reps.
lowlevel(N, Reps) ->
    Root = code:root_dir(),
    File10 = filename:join(Root, "lib/counter-1.0.0/ebin/counter_server.beam"),
    File11 = filename:join(Root, "lib/counter-1.1.0/ebin/counter_server.beam"),
    {ok, Bin10} = file:read_file(File10),
    {ok, Bin11} = file:read_file(File11),
    %% Start from the release's 1.0.0 code, with no old code around.
    _ = code:soft_purge(?SERVER),
    {T, Pids} = timer:tc(fun() -> spawn_servers(N) end),
    log("lowlevel ~w: spawned in ~w ms", [N, T div 1000]),
    Times = [begin
                 Us = up(Pids, File11, Bin11),
                 {state, 0, _} = sys:get_state(hd(Pids)),
                 down(Pids, File10, Bin10),
                 0 = sys:get_state(hd(Pids)),
                 Us
             end || _ <- lists:seq(1, Reps)],
    stop_servers(Pids),
    garbage_collect(),
    Name = case N of
               1 -> lowlevel_window_us;
               _ -> list_to_atom("lowlevel_window_" ++ integer_to_list(N) ++ "_us")
           end,
    log("lowlevel ~w: ~w us (all: ~w)", [N, median(Times), Times]),
    emit(Name, median(Times), "us").

up(Pids, File11, Bin11) ->
    T0 = erlang:monotonic_time(),
    lists:foreach(fun(P) -> ok = sys:suspend(P) end, Pids),
    true = code:soft_purge(?SERVER),
    {module, ?SERVER} = code:load_binary(?SERVER, File11, Bin11),
    lists:foreach(fun(P) -> ok = sys:change_code(P, ?SERVER, "1.0.0", []) end, Pids),
    lists:foreach(fun(P) -> ok = sys:resume(P) end, Pids),
    T1 = erlang:monotonic_time(),
    native_to_us(T1 - T0).

down(Pids, File10, Bin10) ->
    lists:foreach(fun(P) -> ok = sys:suspend(P) end, Pids),
    lists:foreach(fun(P) -> ok = sys:change_code(P, ?SERVER, {down, "1.0.0"}, []) end, Pids),
    true = code:soft_purge(?SERVER),
    {module, ?SERVER} = code:load_binary(?SERVER, File10, Bin10),
    lists:foreach(fun(P) -> ok = sys:resume(P) end, Pids).

%%====================================================================
%% install_warm_idle_ms
%%====================================================================

warm_up(K) ->
    [{ok, _, _} = release_handler:install_release(Vsn)
     || Vsn <- lists:sublist(lists:append(lists:duplicate(K, ["1.1.0", "1.0.0"])), K)],
    %% An odd count would leave 1.1.0 installed; the measured pairs start with it.
    case current_vsn() of
        "1.0.0" -> ok;
        _ -> {ok, _, _} = release_handler:install_release("1.0.0")
    end.

install_idle(Vsn, Tracer, Server) ->
    Before = ?SERVER:get(),
    1 = erlang:trace(Server, true, ['receive', monotonic_timestamp, {tracer, Tracer}]),
    {Us, R} = timer:tc(release_handler, install_release, [Vsn]),
    1 = erlang:trace(Server, false, ['receive']),
    {ok, _, _} = R,
    Window = window_ms(Tracer, Server),
    check_shape(Vsn),
    After = ?SERVER:get(),
    After < Before andalso put(went_back, get(went_back) + 1),
    timer:sleep(50),
    {Us / 1000, Window}.

check_shape(Vsn) ->
    Ok = case {Vsn, sys:get_state(?SERVER)} of
             {"1.1.0", {state, C, At}} -> is_integer(C) andalso is_integer(At);
             {"1.0.0", C} -> is_integer(C);
             _ -> false
         end,
    Ok orelse log("unexpected state after installing ~s: ~p", [Vsn, sys:get_state(?SERVER)]),
    put(shape_ok, get(shape_ok) andalso Ok).

current_vsn() ->
    hd([V || {_, V, _, current} <- release_handler:which_releases()]
       ++ [V || {_, V, _, permanent} <- release_handler:which_releases()]).

%%====================================================================
%% Installs under 4 clients
%%====================================================================

%% Phases: an atomic counter the driver moves before and after each
%% measured install k (k = 0..2*Pairs-1): 2k+1 while install k runs, 2k+2
%% after it. A client reads the phase before it starts a call and after
%% the reply; the call overlapped install k iff 2k+1 lies in
%% [PhaseBefore, PhaseAfter], otherwise it lies wholly between installs.
%% Phase 0 (warm-up) is not reported. Each client keeps only the largest
%% latency per phase (in its process dictionary), so recording costs a
%% clock read and a compare per call, and no growing heap.
clients_installs(NClients, WarmUps, Pairs, Tracer, Server) ->
    Phase = atomics:new(2, [{signed, true}]),   % 1: phase, 2: stop flag
    Parent = self(),
    Clients = [spawn_link(fun() -> install_client(Parent, Phase) end)
               || _ <- lists:seq(1, NClients)],
    timer:sleep(100),
    warm_up(WarmUps),
    Measured = [install_loaded(Vsn, K, Phase, Tracer, Server)
                || {K, Vsn} <- lists:zip(lists:seq(0, 2 * Pairs - 1),
                                         lists:append(lists:duplicate(Pairs, ["1.1.0", "1.0.0"])))],
    atomics:put(Phase, 2, 1),
    Stats = [receive {client_done, C, S} -> S end || C <- Clients],
    Times = [T || {T, _} <- Measured],
    Windows = [W || {_, W} <- Measured],
    emit(install_warm_4clients_ms, median(Times), "ms"),
    emit(install_warm_4clients_ms_max, lists:max(Times), "ms"),
    emit(install_window_4clients_ms, median(Windows), "ms"),
    emit(install_window_4clients_ms_max, lists:max(Windows), "ms"),
    Maxes = merge_max([M || #{max := M} <- Stats]),
    Ks = lists:seq(0, 2 * Pairs - 1),
    During = [maps:get({during, 2 * K + 1}, Maxes, 0) / 1.0e6 || K <- Ks],
    Between = [maps:get({between, 2 * K + 2}, Maxes, 0) / 1.0e6 || K <- Ks],
    log("per install, ms: install ~w~n  window ~w~n  longest call during ~w~n  longest call between ~w",
        [r3(Times), r3(Windows), r3(During), r3(Between)]),
    emit(longest_call_during_install_ms, median(During), "ms"),
    emit(longest_call_during_install_ms_max, lists:max(During), "ms"),
    emit(longest_call_between_installs_ms, median(Between), "ms"),
    emit(longest_call_between_installs_ms_max, lists:max(Between), "ms"),
    Calls = lists:sum([N || #{calls := N} <- Stats]),
    Failed = lists:sum([N || #{failed := N} <- Stats]),
    Back = lists:sum([N || #{went_back := N} <- Stats]) + get(went_back),
    log("4 clients: ~w calls, ~w failed, ~w went back", [Calls, Failed, Back]),
    emit(client_calls_during_4clients_run, Calls, "count"),
    emit(failed_calls, Failed, "count"),
    emit(count_never_goes_back, bool(Back =:= 0), "bool").

install_loaded(Vsn, K, Phase, Tracer, Server) ->
    %% Trace only this install's span (the match spec set in start_tracer
    %% lets through only the two system messages), so the calls between
    %% installs run untraced.
    1 = erlang:trace(Server, true, ['receive', monotonic_timestamp, {tracer, Tracer}]),
    atomics:put(Phase, 1, 2 * K + 1),
    {Us, R} = timer:tc(release_handler, install_release, [Vsn]),
    atomics:put(Phase, 1, 2 * K + 2),
    1 = erlang:trace(Server, false, ['receive']),
    {ok, _, _} = R,
    Window = window_ms(Tracer, Server),
    check_shape(Vsn),
    timer:sleep(50),
    {Us / 1000, Window}.

install_client(Parent, Phase) ->
    client_loop(Phase, 0, 0, 0, 0),
    Max = maps:from_list([{K, V} || {{Tag, _} = K, V} <- get(), Tag =:= during orelse Tag =:= between]),
    Parent ! {client_done, self(), #{calls => get(calls), failed => get(failed),
                                      went_back => get(went_back), max => Max}}.

client_loop(Phase, Last, Calls, Failed, Back) ->
    case atomics:get(Phase, 2) of
        1 ->
            put(calls, Calls), put(failed, Failed), put(went_back, Back);
        0 ->
            P0 = atomics:get(Phase, 1),
            T0 = erlang:monotonic_time(),
            R = try gen_server:call(?SERVER, incr) catch exit:_ -> failed end,
            T1 = erlang:monotonic_time(),
            P1 = atomics:get(Phase, 1),
            record(P0, P1, T1 - T0),
            case R of
                failed -> client_loop(Phase, Last, Calls + 1, Failed + 1, Back);
                V when V > Last -> client_loop(Phase, V, Calls + 1, Failed, Back);
                V -> client_loop(Phase, V, Calls + 1, Failed, Back + 1)
            end
    end.

%% Keep the largest latency per phase. A call within one even phase lies
%% between installs; otherwise it overlapped each install whose odd phase
%% is in [P0, P1].
record(P, P, Lat) when P rem 2 =:= 0 -> keep_max({between, P}, Lat);
record(P0, P1, Lat) ->
    lists:foreach(fun(Ph) -> Ph rem 2 =:= 1 andalso keep_max({during, Ph}, Lat) end,
                  lists:seq(P0, P1)).

keep_max(Key, Lat) ->
    case get(Key) of
        Old when is_integer(Old), Old >= Lat -> ok;
        _ -> put(Key, Lat)
    end.

merge_max(Maps) ->
    lists:foldl(fun(M, Acc) ->
                        maps:fold(fun(K, V, A) -> maps:update_with(K, fun(O) -> max(O, V) end, V, A) end,
                                  Acc, M)
                end, #{}, Maps).

%%--------------------------------------------------------------------
%% The server's suspended window, from erlang:trace 'receive' events.
%% A match spec on 'receive' (head [Node, Sender, Msg]) passes only
%% {system, From, suspend} and {system, From, resume}, so the calls
%% arriving meanwhile cost a match-spec test each, not a trace message.
%% The timestamp is when the message reached the server's queue; the
%% server handles it after at most the few calls queued ahead of it
%% (one per client), so the window is that of the suspension to within
%% microseconds.
%%--------------------------------------------------------------------
start_tracer() ->
    MS = [{['_', '_', {system, '_', suspend}], [], []},
          {['_', '_', {system, '_', resume}], [], []}],
    _ = erlang:trace_pattern('receive', MS, []),
    spawn_link(fun() -> tracer([]) end).

tracer(Events) ->
    receive
        {trace_ts, _Pid, 'receive', {system, _, What}, Ts} ->
            tracer([{What, Ts} | Events]);
        {take, From} ->
            From ! {events, lists:reverse(Events)},
            tracer([])
    end.

window_ms(Tracer, Server) ->
    %% All trace messages of this span are delivered before we ask for them.
    Ref = erlang:trace_delivered(Server),
    receive {trace_delivered, Server, Ref} -> ok end,
    Tracer ! {take, self()},
    receive
        {events, [{suspend, S}, {resume, E}]} -> (E - S) / 1.0e6;
        {events, Other} -> error({unexpected_trace_events, Other})
    end.

%%====================================================================
%% Helpers
%%====================================================================

emit(Name, Value, Unit) ->
    V = case Value of
            _ when is_integer(Value) -> integer_to_list(Value);
            _ -> float_to_list(float(Value), [{decimals, 3}, compact])
        end,
    Line = io_lib:format("{\"figure\": \"~s\", \"value\": ~s, \"unit\": \"~s\"}~n", [Name, V, Unit]),
    ok = file:write_file(get(out), Line, [append]),
    log("~s = ~s ~s", [Name, V, Unit]).

log(Fmt, Args) ->
    io:format(standard_error, "[otp] " ++ Fmt ++ "~n", Args).

%% Median of a list of numbers (mean of the two middle ones for even counts).
median(L) ->
    S = lists:sort(L),
    N = length(S),
    case N rem 2 of
        1 -> lists:nth(N div 2 + 1, S);
        0 -> (lists:nth(N div 2, S) + lists:nth(N div 2 + 1, S)) / 2
    end.

bool(true) -> 1;
bool(false) -> 0.

r3(L) -> [round(X * 1000) / 1000 || X <- L].

loaded() ->
    log("run queue now: ~w (load average from /proc/loadavg: ~s)",
        [erlang:statistics(run_queue), loadavg()]).

loadavg() ->
    case file:read_file("/proc/loadavg") of
        {ok, B} -> string:trim(B);
        _ -> "?"
    end.

ms_to_native(Ms) -> erlang:convert_time_unit(Ms, millisecond, native).
native_to_s(T) -> T / erlang:convert_time_unit(1, second, native).
native_to_us(T) -> erlang:convert_time_unit(T, native, microsecond).
