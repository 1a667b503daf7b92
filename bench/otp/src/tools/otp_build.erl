%% Builds the benchmark's OTP target system, following sasl's
%% "Creating and Upgrading a Target System" (and its target_system.erl):
%%
%%   OutDir/build/lib/counter-1.0.0, counter-1.1.0   compiled applications
%%   OutDir/build/rel-1.0.0/counter-1.0.0.rel, .script, .boot, .tar.gz
%%                                       release 1.0.0; its tarball has erts: the target system
%%   OutDir/build/rel-1.1.0/counter-1.1.0.rel, .script, .boot, .tar.gz
%%                                       release 1.1.0, upgrade package (no erts)
%%   OutDir/build/rel-1.1.0/relup        1.1.0: up from 1.0.0 and down to 1.0.0
%% Each release has its own folder because make_tar packs any `relup'
%% next to the .rel file: 1.1.0's relup must not land in releases/1.0.0/.
%%   OutDir/root                                      the installed target system:
%%       erts-V/, lib/, releases/1.0.0/, releases/RELEASES (1.0.0 permanent),
%%       releases/start_erl.data, bin/erl (erl.src with ROOTDIR filled in),
%%       releases/counter-1.1.0.tar.gz (to be unpacked by release_handler)
%%
%% Run as: erl -noshell -pa TOOLS_EBIN -run otp_build main SRC_DIR OUT_DIR
-module(otp_build).
-export([main/1]).

main([SrcDir, OutDir]) ->
    try build(SrcDir, OutDir) of
        ok -> halt(0)
    catch C:R:St ->
        io:format(standard_error, "otp_build failed: ~p:~p~n~p~n", [C, R, St]),
        halt(1)
    end.

build(SrcDir, OutDir) ->
    Build = filename:join(OutDir, "build"),
    Lib = filename:join(Build, "lib"),
    Root = filename:join(OutDir, "root"),
    ok = filelib:ensure_dir(filename:join(Lib, "x")),
    Vsns = ["1.0.0", "1.1.0"],
    [build_app(SrcDir, Lib, V) || V <- Vsns],
    ErtsVsn = erlang:system_info(version),
    Base = [{App, app_vsn(App)} || App <- [kernel, stdlib, sasl]],
    [write_rel(Build, ErtsVsn, Base, V) || V <- Vsns],
    Path = [filename:join([Lib, "*", "ebin"])],
    Opts = fun(V) -> [{path, Path}, {outdir, filename:dirname(rel(Build, V))}, silent] end,
    [ok_or_fail(make_script, systools:make_script(rel(Build, V), Opts(V))) || V <- Vsns],
    %% One relup, in release 1.1.0: its up section says how to go from
    %% 1.0.0 to 1.1.0, its down section how to go back. release_handler
    %% uses the down section when 1.0.0 is installed while 1.1.0 runs.
    ok_or_fail(make_relup, systools:make_relup(rel(Build, "1.1.0"),
                                               [rel(Build, "1.0.0")],
                                               [rel(Build, "1.0.0")], Opts("1.1.0"))),
    ok_or_fail(make_tar_1, systools:make_tar(rel(Build, "1.0.0"),
                                             [{erts, code:root_dir()} | Opts("1.0.0")])),
    ok_or_fail(make_tar_2, systools:make_tar(rel(Build, "1.1.0"), Opts("1.1.0"))),
    install_target(Build, Root, ErtsVsn),
    ok.

%% Compile one version of the application into Lib/counter-Vsn/ebin.
build_app(SrcDir, Lib, Vsn) ->
    Ebin = filename:join([Lib, "counter-" ++ Vsn, "ebin"]),
    ok = filelib:ensure_dir(filename:join(Ebin, "x")),
    VsnDir = filename:join([SrcDir, "counter", Vsn]),
    Common = filename:join([SrcDir, "counter", "common"]),
    Srcs = filelib:wildcard(filename:join(Common, "*.erl"))
        ++ filelib:wildcard(filename:join(VsnDir, "*.erl")),
    [case compile:file(F, [{outdir, Ebin}, report, warnings_as_errors, debug_info]) of
         {ok, _} -> ok;
         Err -> error({compile, F, Err})
     end || F <- Srcs],
    [{ok, _} = file:copy(filename:join(VsnDir, F), filename:join(Ebin, F))
     || F <- ["counter.app", "counter.appup"]],
    ok.

app_vsn(App) ->
    ok = case application:load(App) of
             ok -> ok;
             {error, {already_loaded, App}} -> ok
         end,
    {ok, Vsn} = application:get_key(App, vsn),
    Vsn.

rel(Build, Vsn) -> filename:join([Build, "rel-" ++ Vsn, "counter-" ++ Vsn]).

write_rel(Build, ErtsVsn, Base, Vsn) ->
    Rel = {release, {"counter", Vsn}, {erts, ErtsVsn}, Base ++ [{counter, Vsn}]},
    ok = filelib:ensure_dir(rel(Build, Vsn)),
    ok = file:write_file(rel(Build, Vsn) ++ ".rel", io_lib:format("~tp.~n", [Rel])).

ok_or_fail(_What, ok) -> ok;
ok_or_fail(_What, {ok, _Mod, _Warnings}) -> ok;
ok_or_fail(_What, {ok, _Relup, _Mod, _Warnings}) -> ok;
ok_or_fail(What, Other) -> error({What, Other}).

%% target_system:install/2, minus start/start_erl scripts we do not use:
%% the benchmark starts nodes with root/bin/erl -boot releases/Vsn/start.
install_target(Build, Root, ErtsVsn) ->
    ok = filelib:ensure_dir(filename:join(Root, "x")),
    ok = erl_tar:extract(rel(Build, "1.0.0") ++ ".tar.gz", [{cwd, Root}, compressed]),
    Bin = filename:join(Root, "bin"),
    ok = filelib:ensure_dir(filename:join(Bin, "x")),
    ErtsBin = filename:join([Root, "erts-" ++ ErtsVsn, "bin"]),
    {ok, Src} = file:read_file(filename:join(ErtsBin, "erl.src")),
    Erl = lists:foldl(fun({K, V}, Acc) -> binary:replace(Acc, K, V, [global]) end,
                      Src, [{<<"%FINAL_ROOTDIR%">>, unicode:characters_to_binary(Root)},
                            {<<"%EMU%">>, <<"beam">>}]),
    ErlFile = filename:join(Bin, "erl"),
    ok = file:write_file(ErlFile, Erl),
    ok = file:change_mode(ErlFile, 8#755),
    ok = file:write_file(filename:join([Root, "releases", "start_erl.data"]),
                         [ErtsVsn, " 1.0.0\n"]),
    %% RELEASES: 1.0.0 permanent. Where make_tar put the .rel differs
    %% between OTP versions, so look for it.
    [RelFile | _] = filelib:wildcard(filename:join([Root, "releases", "1.0.0", "*.rel"]))
        ++ filelib:wildcard(filename:join([Root, "releases", "*.rel"])),
    ok = release_handler:create_RELEASES(Root, RelFile),
    %% The upgrade package goes into releases/, where unpack_release/1 looks.
    {ok, _} = file:copy(rel(Build, "1.1.0") ++ ".tar.gz",
                        filename:join([Root, "releases", "counter-1.1.0.tar.gz"])),
    ok.
