#!/usr/bin/perl
# Times one of the Perl REST 1.0 form parsers on one generated response.
#
# usage: perl [-I/usr/share/request-tracker5/lib] perl_parsers.pl client|rt FILE REPS
#
#   client  RT::Client::REST::Forms::form_parse (Debian's librt-client-rest-perl)
#   rt      RT::Interface::REST::form_parse, the server's own form parser, from
#           the installed request-tracker5 (needs -I/usr/share/request-tracker5/lib;
#           the module loads without an RT config)
#
# Both take the text after the status line and the blank line that follows it,
# which is what RT::Client::REST passes them (it splits the response on the
# first "\n\n"). That strip is done once, before timing, and so is reading
# the file: only form_parse is timed. The file is passed as bytes, as the
# client does (decoded_content(charset => 'none')).
#
# Prints one line of key=value pairs in the format of `rt-wire bench`.
#
# Counting: form_parse returns [comments, key order, key => value, error] per
# form. A repeated key appears once in the key order and its values are
# collected into an array, so fields are counted per key as the number of
# values (1 for a plain value). The parsers drop the first value of a
# repeated key when it is empty, and split the values of repeated keys of the
# last form on commas, so on such input these counts can differ from the
# number of `Key:` lines. A form whose error slot is set (a syntax error) is
# reported as errors=N.
use strict;
use warnings;
use Time::HiRes qw(time);

my ($which, $path, $reps) = @ARGV;
die "usage: $0 client|rt FILE REPS\n" unless $which && $path && $reps;

my ($parse, $name, $version);
if ($which eq 'client') {
    require RT::Client::REST::Forms;
    $parse   = \&RT::Client::REST::Forms::form_parse;
    $name    = 'RT::Client::REST::Forms::form_parse';
    $version = $RT::Client::REST::Forms::VERSION // '?';
}
elsif ($which eq 'rt') {
    require RT::Interface::REST;
    $parse   = \&RT::Interface::REST::form_parse;
    $name    = 'RT::Interface::REST::form_parse';
    require RT;
    $version = $RT::VERSION // '?';
}
else {
    die "unknown parser $which\n";
}

my $body = do {
    open my $fh, '<:raw', $path or die "$path: $!\n";
    local $/;
    <$fh>;
};
my $bytes = length $body;
# Status line and blank line off, in place (same text as the client's
# `split /\n\n/, $content, 2`).
$body =~ s/\A.*?\n\n//s or die "$path: no status line\n";

my @times;
my ($forms, $fields, $errors) = (0, 0, 0);
for (1 .. $reps) {
    my $t0     = time;
    my $result = $parse->($body);
    push @times, time - $t0;
    ($forms, $fields, $errors) = (scalar @$result, 0, 0);
    for my $form (@$result) {
        my (undef, $order, $values, $error) = @$form;
        $errors++ if defined $error && $error ne '';
        for my $key (@$order) {
            my $v = $values->{$key};
            $fields += ref $v eq 'ARRAY' ? scalar @$v : 1;
        }
    }
    undef $result;
}
@times = sort { $a <=> $b } @times;
my $median = $times[ int(@times / 2) ];

my $peak_kb = 0;
if (open my $st, '<', '/proc/self/status') {
    while (<$st>) { $peak_kb = $1 if /^VmHWM:\s+(\d+)/ }
}
printf "parser=%s version=%s bytes=%d reps=%d median_s=%.6f mb_per_s=%.1f forms=%d fields=%d errors=%d peak_rss_kb=%d\n",
    $name, $version, $bytes, $reps, $median, $bytes / $median / 1e6,
    $forms, $fields, $errors, $peak_kb;
