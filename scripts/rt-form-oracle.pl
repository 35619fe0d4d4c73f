#!/usr/bin/perl
# Oracle for the differential test tests/oracle_form_parse.rs: runs RT's own
# request parser (RT::Interface::REST::form_parse and vsplit, from the
# installed request-tracker package) on many inputs and prints the results.
#
# Usage: perl -I/usr/share/request-tracker5/lib scripts/rt-form-oracle.pl
#
# Input (stdin): cases, each "<byte length>\n<UTF-8 bytes>".
# Output (stdout), per case:
#   CASE <number of forms>
#   per form: C <len>\n<comment>\n (if any), E <len>\n<error>\n (if any),
#             F <number of fields>, then per field K <len>\n<key>\n and either
#             S <len>\n<scalar>\n followed by P <n> / Q <n> item lists (vsplit
#             of the scalar without / with strip), or L <n> and its items;
#             each item is I <len>\n<item>\n.
# Lengths count bytes of the UTF-8 encoding.
use strict;
use warnings;
no warnings 'uninitialized';
use Encode qw(decode encode);
use RT::Interface::REST;

binmode STDIN;
binmode STDOUT;

sub out {
    my ($tag, $s) = @_;
    my $b = encode('UTF-8', defined $s ? $s : '');
    print "$tag ", length($b), "\n", $b, "\n";
}

sub items {
    my ($tag, $list) = @_;
    print "$tag ", scalar(@$list), "\n";
    out('I', $_) for @$list;
}

while (defined(my $len = <STDIN>)) {
    chomp $len;
    last if $len eq '';
    my $bytes = '';
    while (length($bytes) < $len) {
        my $n = read(STDIN, $bytes, $len - length($bytes), length($bytes));
        die "short input\n" unless $n;
    }
    # RT decodes request parameters to characters first (spec section 12.1).
    my $text = decode('UTF-8', $bytes);
    my $forms = RT::Interface::REST::form_parse($text);
    print "CASE ", scalar(@$forms), "\n";
    foreach my $form (@$forms) {
        my ($c, $o, $k, $e) = @$form;
        out('C', $c) if $c ne '';
        out('E', $e) if $e ne '';
        print "F ", scalar(@$o), "\n";
        foreach my $key (@$o) {
            out('K', $key);
            my $v = $k->{$key};
            if (ref $v eq 'ARRAY') {
                items('L', $v);
            } else {
                out('S', $v);
                items('P', RT::Interface::REST::vsplit($v));
                items('Q', RT::Interface::REST::vsplit($v, 1));
            }
        }
    }
}
